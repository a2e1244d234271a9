// Loads the README's example files into a test database: a small authority whose every figure is known.
import fs from 'node:fs';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { importFile } from '../exchange/exchange.ts';

const exampleKinds = ['org-units', 'schools', 'people', 'posts', 'designations'] as const;

export async function loadExamples(db: Db): Promise<void> {
  for (const kind of exampleKinds) {
    await importFile(contextFor(db, operator('test')), kind, {
      name: `${kind}.csv`,
      bytes: fs.readFileSync(`examples/${kind}.csv`),
    });
  }
}
