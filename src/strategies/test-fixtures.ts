// The tiny authority with people for the strategies tests: the director (P1), the leads of areas A (P2)
// and B (P3), the head of S1 (P4) and a head in area B (P5) who leads an action; callers as each.
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';

export async function loadStrategyPeople(database: Database) {
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
      'P5,Ola,Okafor,',
    ]),
  );
  return {
    director: await apiAs(database, 'director', 'T', 'P1'),
    leadA: await apiAs(database, 'area_lead', 'A', 'P2'),
    leadB: await apiAs(database, 'area_lead', 'B', 'P3'),
    headS1: await apiAs(database, 'headteacher', 'S1', 'P4'),
    headS3: await apiAs(database, 'headteacher', 'S3', 'P5'),
  };
}
