// bin/headway.mjs runs the compiled dist/, never code older than src/: tried on a copy of the command
// with a one-file src/, so the real dist/ is not touched.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';

const run = promisify(execFile);
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-bin-'));
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

for (const file of ['bin/headway.mjs', 'tsconfig.json', 'tsconfig.build.json'])
  fs.cpSync(file, path.join(copy, file));
fs.symlinkSync(path.resolve('node_modules'), path.join(copy, 'node_modules'));
const source = path.join(copy, 'src/cli.ts');

function writeCli(says: string, at: Date) {
  fs.mkdirSync(path.dirname(source), { recursive: true });
  fs.writeFileSync(
    source,
    `export async function main(argv: string[]): Promise<void> {\n  console.log('${says}', argv.slice(2).join(' '));\n}\n`,
  );
  fs.utimesSync(source, at, at);
}

const headway = (...args: string[]) => run('node', [path.join(copy, 'bin/headway.mjs'), ...args]);

test('the command compiles src/ when it has no dist/, runs dist/, and compiles again after an edit', async () => {
  writeCli('first', new Date(Date.now() - 60_000));
  const built = await headway('--help');
  expect(built.stderr).toContain('src/ has not been built yet; compiling src/ into dist/');
  expect(built.stdout).toBe('first --help\n');
  expect(fs.existsSync(path.join(copy, 'dist/cli.js'))).toBe(true);

  const again = await headway('kpi');
  expect(again.stderr).toBe('');
  expect(again.stdout).toBe('first kpi\n');

  writeCli('edited', new Date(Date.now() + 60_000));
  const edited = await headway('kpi');
  expect(edited.stderr).toContain('src/cli.ts changed since the last build; compiling src/ into dist/');
  expect(edited.stdout).toBe('edited kpi\n');
});
