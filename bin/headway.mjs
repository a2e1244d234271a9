#!/usr/bin/env node
// The headway command: registers tsx so the TypeScript sources run as they are, then hands over to src/cli.ts.
import { register } from 'tsx/esm/api';

register();
// `headway export people | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src/cli.ts');
await main(process.argv);
