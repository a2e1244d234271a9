// The web app takes the API's shapes from the server's contracts, as types only: a value import would
// bundle zod and the server's schemas into every page. dependency-cruiser checks *which* server files
// the web may import (contracts only); this checks *how*, which its TypeScript reader cannot see.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const webRoot = path.resolve('web/src');

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every import or re-export statement of a file with the module it names. */
function importsOf(text: string): { statement: string; from: string }[] {
  const found: { statement: string; from: string }[] = [];
  for (const match of text.matchAll(/^(import|export)\b[^;]*?from\s+'([^']+)'/gms))
    found.push({ statement: match[0], from: match[2] as string });
  return found;
}

describe('the web app and the server', () => {
  it('imports from src/ only contracts, and only their types', () => {
    const wrong: string[] = [];
    let contractImports = 0;
    for (const file of sourceFiles(webRoot)) {
      for (const { statement, from } of importsOf(fs.readFileSync(file, 'utf8'))) {
        if (!from.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), from);
        if (target.startsWith(webRoot + path.sep)) continue;
        const where = `${path.relative('.', file)}: ${statement.split('\n')[0]}`;
        if (!/\/src\/[a-z0-9/-]*contract\.ts$/.test(target)) wrong.push(`${where} (not a contract)`);
        else if (!/^(import|export) type\b/.test(statement)) wrong.push(`${where} (not \`import type\`)`);
        else contractImports += 1;
      }
    }
    expect(wrong).toEqual([]);
    // The web takes its shapes from the contracts (no hand-written copies): if this drops to zero the
    // check above proves nothing.
    expect(contractImports).toBeGreaterThan(0);
  });
});
