// The tiny authority (A: S1, S2; B: S3, S4, S5) with October's teachers and coordinates, as the plan's
// tests work it by hand against a maximum of 40 pupils a teacher and at least 2 a school:
//   S1 410 pupils, 8 teachers: needs 11, 3 under.   S2 30 pupils, 1 teacher: needs 2, 1 under.
//   S3 200 pupils, 9 teachers: needs 5, 4 over.     S4 120 pupils, 3 teachers: needs 3.
//   S5 300 pupils, 6 teachers: needs 8, 2 under.
// S3 is at 10.00°N; S5 0.05° north of it (7.2 km by road at 1.3 × the straight line), S1 0.1° (14.5 km),
// S2 1° (145 km); S4 has no coordinates.
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';

const october = { S1: [410, 8], S2: [30, 1], S3: [200, 9], S4: [120, 3], S5: [300, 6] } as const;
const latitudes = { S1: 10.1, S2: 11, S3: 10, S5: 10.05 } as const;

export async function loadStaffedTinyAuthority(db: Db): Promise<void> {
  await loadTinyAuthority(db);
  const lines = ['school_code,period,element,value'];
  for (const [school, [pupils, teachers]] of Object.entries(october))
    lines.push(
      `${school},2026-10,pupils_enrolled,${pupils}`,
      `${school},2026-10,teachers_in_post,${teachers}`,
    );
  await importFile(contextFor(db, operator('test')), 'data-values', csv('v.csv', lines));
  for (const [code, latitude] of Object.entries(latitudes))
    await db
      .updateTable('school')
      .set({ latitude, longitude: 30 })
      .where('org_unit_id', '=', (eb) => eb.selectFrom('org_unit').select('id').where('code', '=', code))
      .execute();
}
