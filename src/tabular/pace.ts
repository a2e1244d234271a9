// Long loops over an import's rows give the event loop a turn every few thousand rows, so that while a
// 50 MB file is read and checked the server still answers everyone else (`/health` among them):
//
//     const due = turnEvery();
//     for (const record of records) {
//       if (due()) await nextTurn();
//       ...
import { setImmediate } from 'node:timers/promises';

/** A counter for a loop: true once every `every` calls, when the loop should let others run. */
export function turnEvery(every = 5000): () => boolean {
  let calls = 0;
  return () => ++calls % every === 0;
}

/** Waits for the event loop's next turn, so that requests waiting meanwhile are answered. */
export const nextTurn = (): Promise<void> => setImmediate();
