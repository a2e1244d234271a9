// A tiny authority for KPI tests: 2 areas, 5 schools and one month of attendance, every figure known.
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { importFile } from '../exchange/exchange.ts';

export const csv = (name: string, lines: string[]) => ({
  name,
  bytes: new TextEncoder().encode(lines.join('\n')),
});

export async function loadTinyAuthority(db: Db): Promise<void> {
  const actor = operator('test');
  await importFile(
    contextFor(db, actor),
    'org-units',
    csv('o.csv', ['code,name,level,parent_code', 'T,Tiny,authority,', 'A,Area A,area,T', 'B,Area B,area,T']),
  );
  await importFile(
    contextFor(db, actor),
    'schools',
    csv('s.csv', [
      'code,name,phase,area_code',
      'S1,Big School,primary,A',
      'S2,Small School,primary,A',
      'S3,Third School,primary,B',
      'S4,Fourth School,primary,B',
      'S5,Fifth School,primary,B',
    ]),
  );
  // October 2026: S5 does not report. Area A = 1000/1100, area B = 570/600, authority = 1570/1700.
  await importFile(
    contextFor(db, actor),
    'data-values',
    csv('v.csv', [
      'school_code,period,element,value',
      'S1,2026-10,sessions_possible,1000',
      'S1,2026-10,sessions_attended,950',
      'S2,2026-10,sessions_possible,100',
      'S2,2026-10,sessions_attended,50',
      'S3,2026-10,sessions_possible,400',
      'S3,2026-10,sessions_attended,380',
      'S4,2026-10,sessions_possible,200',
      'S4,2026-10,sessions_attended,190',
    ]),
  );
}
