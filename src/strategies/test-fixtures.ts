// The meetings tests' tiny authority with its leads (the director P1, area leads P2 and P3, the head of
// S1 P4), plus a head in area B (P5) who leads an action in the strategies tests; callers as each.
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';

export async function loadStrategyPeople(database: Database) {
  const callers = await loadTinyAuthorityWithLeads(database);
  await importFile(
    contextFor(database.db, operator('test')),
    'people',
    csv('p5.csv', ['code,given_name,family_name,email', 'P5,Ola,Okafor,']),
  );
  return { ...callers, headS3: await apiAs(database, 'headteacher', 'S3', 'P5') };
}
