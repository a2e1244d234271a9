// A view's filters and sort kept in the address, so Back, reload and a shared link return the same
// view. Values equal to their default are left out of the address, so a plain link stays plain.
import { useSearchParams } from 'react-router';

/**
 * The view's state as named strings with defaults, and a setter that changes some of them. A change
 * replaces the history entry (typing in a filter should not fill Back with every keystroke) unless
 * `push` is asked for, as when a person moves to another page of results.
 */
export function useUrlState<T extends Record<string, string>>(
  defaults: T,
): [T, (changes: Partial<T>, options?: { push?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const state = Object.fromEntries(
    Object.entries(defaults).map(([key, fallback]) => [key, params.get(key) ?? fallback]),
  ) as T;
  const change = (changes: Partial<T>, options: { push?: boolean } = {}) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === defaults[key]) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: !options.push },
    );
  };
  return [state, change];
}
