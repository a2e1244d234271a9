// The demo's DHIS2 mapping: the ministry's DHIS2 knows every org unit and the attendance and enrolment
// elements by UIDs of its own, so the DHIS2 page opens with a mapping to read and an export by UID works.
// UIDs are drawn from the demo's seeded stream (DHIS2's form: a letter, then ten letters or digits).
import type { Actor } from '../auth/actor.ts';
import { recordAudit, withoutRowAudit } from '../auth/audit.ts';
import type { Db } from '../db/types.ts';
import type { Random } from '../random.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = `${LETTERS}0123456789`;

/** The elements a ministry's DHIS2 data set typically carries, where the demo has them. */
const mappedElements = ['sessions_possible', 'sessions_attended', 'pupils_enrolled', 'persistent_absentees'];

export async function loadDemoDhis2Mapping(db: Db, actor: Actor, random: Random): Promise<void> {
  if (await db.selectFrom('dhis2_mapping').select('id').limit(1).executeTakeFirst()) return;
  const used = new Set<string>();
  const uid = () => {
    for (;;) {
      let id = random.pick([...LETTERS]);
      for (let i = 0; i < 10; i++) id += random.pick([...ALPHANUMERIC]);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const units = await db.selectFrom('org_unit').select(['code', 'name']).orderBy('code').execute();
  const elements = await db
    .selectFrom('data_element')
    .select(['code', 'name'])
    .where('code', 'in', mappedElements)
    .orderBy('code')
    .execute();
  const rows = [
    ...units.map((u) => ({ kind: 'org_unit' as const, code: u.code, uid: uid(), name: u.name })),
    ...elements.map((e) => ({ kind: 'data_element' as const, code: e.code, uid: uid(), name: e.name })),
    { kind: 'category_option_combo' as const, code: 'default', uid: 'HllvX50cXC0', name: 'default' },
    { kind: 'data_set' as const, code: 'school_monthly', uid: uid(), name: 'School monthly return' },
  ];
  await db.transaction().execute(async (trx) => {
    // Over a thousand generated mappings are audited as this one event, not row by row.
    await withoutRowAudit(trx);
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('dhis2_mapping')
        .values(rows.slice(i, i + 1000))
        .execute();
    await recordAudit(trx, actor, 'import', 'dhis2-mappings', { file: 'demo seed', rows: rows.length });
  });
}
