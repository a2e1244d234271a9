import { test } from 'vitest';
import { freshDatabase } from '../src/db/testing.ts';
import { operator } from '../src/auth/actor.ts';
import { loadDemo } from '../src/demo/load.ts';
import { findSchools, getSchool, listOrgUnits } from '../src/registry/directory.ts';
test('scratch', async () => {
  const { db, close } = await freshDatabase();
  const a = operator('test');
  let t = Date.now();
  try {
  console.log(await loadDemo(db, a, { seed: 1, primarySchools: 1017, referenceDate: '2026-09-01' }), Date.now() - t);
  } catch (e) { console.log(JSON.stringify(e.details?.slice(0,5))); throw e; }
  t = Date.now();
  console.log((await listOrgUnits(db, a, { level: 'area' }, '2026-11-23')).slice(0, 3), Date.now() - t);
  t = Date.now();
  const s = await findSchools(db, a, { area: 'A01', page: 1, pageSize: 5, asOf: '2026-11-23' });
  console.log(JSON.stringify(s.schools.slice(0,2)), s.total, Date.now() - t);
  console.log(JSON.stringify(await getSchool(db, a, 'S0005', '2026-11-23')));
  await close();
});
