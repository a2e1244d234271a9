#!/usr/bin/env node
// The headway command: runs the JavaScript that `npm run build` compiles from src/ into dist/ (npm install
// runs it). It never runs code older than the sources: if a source file is newer than its compiled file,
// or has none, it compiles again first (about half a second) and says so on standard error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The first source (not a test) under src/ whose compiled file in dist/ is missing or older. */
function staleSource(dir = 'src') {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const source = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const stale = staleSource(source);
      if (stale) return stale;
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      const built = path.join(root, 'dist', path.relative('src', source).replace(/\.ts$/, '.js'));
      const builtAt = fs.statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? -1;
      if (fs.statSync(path.join(root, source)).mtimeMs > builtAt) return source;
    }
  }
  return undefined;
}

function compile(stale) {
  const why = fs.existsSync(path.join(root, 'dist'))
    ? `${stale} changed since the last build`
    : 'src/ has not been built yet';
  let tsc;
  try {
    const typescript = createRequire(import.meta.url).resolve('typescript/package.json');
    tsc = path.join(path.dirname(typescript), 'bin/tsc');
  } catch {
    console.error(`headway: ${why}, and TypeScript, which compiles it, is not installed: run npm install`);
    process.exit(2);
  }
  console.error(`headway: ${why}; compiling src/ into dist/...`);
  // tsc reports on standard error too: standard output is the command's own (an export, JSON).
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) {
    console.error('headway: compiling failed (see above), so nothing was run');
    process.exit(2);
  }
}

const stale = staleSource();
if (stale) compile(stale);
// An unexpected failure's stack names the lines of src/, through the maps the build writes beside dist/.
process.setSourceMapsEnabled(true);
// `headway export people | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../dist/cli.js');
await main(process.argv);
