#!/usr/bin/env node
// npm run bench: runs every bench/*.bench.ts in turn; each writes its figures to bench/results/<name>.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
// Wired as the server and the CLI are: the KPI roll-up's computed elements come from the capabilities above it.
await import('../src/capabilities.ts');
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../bench');
const only = process.argv[2];
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`# ${file}`);
  const { run } = await import(path.join(dir, file));
  await run();
}
