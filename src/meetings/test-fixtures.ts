// The tiny authority with people who lead it, for the meetings tests: a director (P1), the leads of
// areas A (P2) and B (P3) and the head of S1 (P4), and API callers signed in as each of them.
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';

export async function loadTinyAuthorityWithLeads(database: Database) {
  await loadTinyAuthority(database.db);
  await importFile(
    contextFor(database.db, operator('test')),
    'people',
    csv('p.csv', [
      'code,given_name,family_name,email',
      'P1,Dee,Rector,',
      'P2,Ann,Lead,',
      'P3,Bob,Lead,',
      'P4,Hal,Head,',
    ]),
  );
  return {
    director: await apiAs(database, 'director', 'T', 'P1'),
    leadA: await apiAs(database, 'area_lead', 'A', 'P2'),
    leadB: await apiAs(database, 'area_lead', 'B', 'P3'),
    headS1: await apiAs(database, 'headteacher', 'S1', 'P4'),
  };
}

export type Callers = Awaited<ReturnType<typeof loadTinyAuthorityWithLeads>>;
