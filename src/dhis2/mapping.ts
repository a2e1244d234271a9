// The mapping between Headway's codes and DHIS2's UIDs, one table for org units, data elements, category
// option combos and data sets: listed, edited one at a time or imported from a file (all or nothing),
// every change audited. Payloads in and out translate through it (`loadMapping`).
import { z } from 'zod';
import { requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { upsertRows } from '../db/upsert.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { cells } from '../tabular/cells.ts';
import { type Importer, type ImportOptions, runImport } from '../tabular/importer.ts';
import { readTable, type UploadedFile } from '../tabular/read.ts';
import {
  type Dhis2Mapping,
  type Dhis2MappingKind,
  MAPPING_PAGE,
  type MappingInput,
  type MappingList,
  type MappingQuery,
} from './contract.ts';
import { dhis2MappingKinds } from './lists.ts';

const UID = /^[A-Za-z][A-Za-z0-9]{10}$/;

/** What each kind's code names in Headway, for the check that it exists. */
const kindWords: Record<Dhis2MappingKind, string> = {
  org_unit: 'an org unit',
  data_element: 'a data element or indicator',
  category_option_combo: 'a category option combo',
  data_set: 'a data set',
};

export async function listMappings({ db, actor }: Context, query: MappingQuery): Promise<MappingList> {
  requireWholeSystem(actor, 'kpi:write');
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? MAPPING_PAGE;
  const q = query.q?.trim().toLowerCase();
  let select = db.selectFrom('dhis2_mapping');
  if (query.kind) select = select.where('kind', '=', query.kind);
  if (q)
    select = select.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['code']), 'like', `%${q}%`),
        eb(eb.fn('lower', ['uid']), 'like', `%${q}%`),
        eb(eb.fn('lower', ['name']), 'like', `%${q}%`),
      ]),
    );
  const mappings = await select
    .select(['id', 'kind', 'code', 'uid', 'name'])
    .orderBy('kind')
    .orderBy('code')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const { total } = await select
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  const counted = await db
    .selectFrom('dhis2_mapping')
    .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('kind')
    .execute();
  const counts = Object.fromEntries(dhis2MappingKinds.map((k) => [k, 0])) as MappingList['counts'];
  for (const c of counted) counts[c.kind] = Number(c.n);
  return { total: Number(total), page, page_size: pageSize, mappings, counts };
}

/**
 * The codes that name nothing in Headway: org units, and data elements (or indicators, whose values are
 * exported to DHIS2 data elements). Combos and data sets are DHIS2's own, so any code is taken.
 */
async function unknownCode(db: Db, kind: Dhis2MappingKind, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0 || (kind !== 'org_unit' && kind !== 'data_element')) return new Set();
  const found =
    kind === 'org_unit'
      ? await db.selectFrom('org_unit').select('code').where('code', 'in', codes).execute()
      : [
          ...(await db.selectFrom('data_element').select('code').where('code', 'in', codes).execute()),
          ...(await db.selectFrom('indicator').select('code').where('code', 'in', codes).execute()),
        ];
  const known = new Set(found.map((r) => r.code));
  return new Set(codes.filter((c) => !known.has(c)));
}

export async function saveMapping(context: Context, input: MappingInput): Promise<Dhis2Mapping> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'kpi:write');
  if ((await unknownCode(db, input.kind, [input.code])).size > 0)
    throw new HeadwayError('invalid', `${input.code} is not ${kindWords[input.kind]} in Headway`);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('dhis2_mapping')
      .select('code')
      .where('kind', '=', input.kind)
      .where('uid', '=', input.uid)
      .where('code', '!=', input.code)
      .executeTakeFirst();
    if (taken)
      throw new HeadwayError(
        'conflict',
        `${input.uid} is already the UID of ${taken.code}: one UID maps one code`,
      );
    const saved = await trx
      .insertInto('dhis2_mapping')
      .values({ kind: input.kind, code: input.code, uid: input.uid, name: input.name ?? null })
      .onConflict((oc) =>
        oc.columns(['kind', 'code']).doUpdateSet({ uid: input.uid, name: input.name ?? null }),
      )
      .returning(['id', 'kind', 'code', 'uid', 'name'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'update', 'dhis2_mapping', {
      kind: input.kind,
      code: input.code,
      uid: input.uid,
    });
    return saved;
  });
}

export async function deleteMapping({ db, actor }: Context, id: number): Promise<{ deleted: number }> {
  requireWholeSystem(actor, 'kpi:write');
  return db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('dhis2_mapping')
      .where('id', '=', id)
      .returning(['kind', 'code'])
      .executeTakeFirst();
    if (!gone) throw notFound(`mapping ${id}`);
    await recordAudit(trx, actor, 'delete', 'dhis2_mapping', gone);
    return { deleted: 1 };
  });
}

const mappingRow = z.object({
  kind: cells.oneOf(dhis2MappingKinds),
  code: cells.code(),
  uid: cells
    .text(11)
    .refine((uid) => UID.test(uid), 'is not a DHIS2 UID (11 letters and digits, the first a letter)'),
  name: cells.optionalText(200),
});
type MappingRow = z.infer<typeof mappingRow>;

const mappingImporter: Importer<MappingRow, { rows: Record<string, unknown>[] }> = {
  kind: 'dhis2-mappings',
  columns: { all: ['kind', 'code', 'uid', 'name'], required: ['kind', 'code', 'uid'] },
  shape: mappingRow,
  async check(db, records, _columns, problems) {
    const seen = new Map<string, number>();
    for (const { row, value } of records) {
      for (const [column, key] of [
        ['code', `${value.kind} code ${value.code}`],
        ['uid', `${value.kind} UID ${value.uid}`],
      ] as const) {
        const first = seen.get(key);
        if (first !== undefined) {
          const reason = `already appears on row ${first}`;
          problems.add({
            row,
            column,
            message: `${key} ${reason}`,
            reason: 'already appears on an earlier row',
          });
        } else seen.set(key, row);
      }
    }
    for (const kind of dhis2MappingKinds) {
      const codes = records.filter((r) => r.value.kind === kind).map((r) => r.value.code);
      const unknown = await unknownCode(db, kind, codes);
      for (const { row, value } of records)
        if (value.kind === kind && unknown.has(value.code)) {
          const reason = `is not ${kindWords[kind]} in Headway`;
          problems.add({ row, column: 'code', message: `${value.code} ${reason}`, reason });
        }
    }
    // A UID already mapped to another code of its kind, and not moved away by this file, would be two codes for one UID.
    const existing = await db.selectFrom('dhis2_mapping').select(['kind', 'code', 'uid']).execute();
    const fileCodes = new Set(records.map((r) => `${r.value.kind} ${r.value.code}`));
    const held = new Map(
      existing
        .filter((e) => !fileCodes.has(`${e.kind} ${e.code}`))
        .map((e) => [`${e.kind} ${e.uid}`, e.code]),
    );
    for (const { row, value } of records) {
      const other = held.get(`${value.kind} ${value.uid}`);
      if (other && other !== value.code) {
        const reason = 'is already the UID of another code of its kind';
        problems.add({ row, column: 'uid', message: `${value.uid} is already the UID of ${other}`, reason });
      }
    }
    return { rows: records.map(({ value }) => ({ ...value, name: value.name ?? null })) };
  },
  write: (db, plan) =>
    upsertRows(db, 'dhis2_mapping', plan.rows, { key: ['kind', 'code'], update: ['uid', 'name'] }),
};

export async function importMappings(context: Context, file: UploadedFile, options: ImportOptions = {}) {
  requireWholeSystem(context.actor, 'kpi:write');
  return runImport(context, mappingImporter, await readTable(file), { fileName: file.name, ...options });
}

/** The mapping both ways, for translating a payload: a UID's code and a code's UID, by kind. */
export interface Mapping {
  codeOf(kind: Dhis2MappingKind, uid: string): string | undefined;
  uidOf(kind: Dhis2MappingKind, code: string): string | undefined;
}

export async function loadMapping(db: Db): Promise<Mapping> {
  const rows = await db.selectFrom('dhis2_mapping').select(['kind', 'code', 'uid']).execute();
  const byUid = new Map(rows.map((r) => [`${r.kind} ${r.uid}`, r.code]));
  const byCode = new Map(rows.map((r) => [`${r.kind} ${r.code}`, r.uid]));
  return {
    codeOf: (kind, uid) => byUid.get(`${kind} ${uid}`),
    uidOf: (kind, code) => byCode.get(`${kind} ${code}`),
  };
}
