// Imports the org-unit tree above schools: authority > area > cluster (clusters are optional).
import { upsertRows } from '../db/upsert.ts';
import type { Importer } from '../tabular/importer.ts';
import { duplicateCodes, orgUnitsByCode, withArticle } from './lookups.ts';
import { type OrgUnitRow, orgUnitRow } from './schema.ts';

const parentLevel = { authority: null, area: 'authority', cluster: 'area' } as const;

export const orgUnitImporter: Importer<OrgUnitRow, OrgUnitRow[]> = {
  kind: 'org-units',
  columns: { all: ['code', 'name', 'level', 'parent_code'], required: ['code', 'name', 'level'] },
  shape: orgUnitRow,

  async check(db, records, _columns, problems) {
    await duplicateCodes(records, problems);
    const inFile = new Map(records.map((r) => [r.value.code, r.value]));
    const existing = await orgUnitsByCode(db, [
      ...records.map((r) => r.value.code),
      ...records.flatMap((r) => (r.value.parent_code ? [r.value.parent_code] : [])),
    ]);
    for (const { row, value } of records) {
      const before = existing.get(value.code);
      if (before && before.level !== value.level) {
        const reason = `is already ${withArticle(before.level)}; a unit's level cannot change (give the new unit a new code)`;
        problems.add({ row, column: 'level', message: `${value.code} ${reason}`, reason });
      }
      const wanted = parentLevel[value.level];
      // A level that did not parse has been reported: which parent it needs is not known.
      if (wanted === undefined) continue;
      if (wanted === null) {
        if (value.parent_code)
          problems.add({ row, column: 'parent_code', message: 'an authority has no parent' });
        continue;
      }
      if (!value.parent_code) {
        problems.add({
          row,
          column: 'parent_code',
          message: `is required: ${withArticle(value.level)} belongs to ${withArticle(wanted)}`,
        });
        continue;
      }
      const parent = inFile.get(value.parent_code) ?? existing.get(value.parent_code);
      if (!parent) {
        const reason = 'is not in this file or in Headway';
        problems.add({ row, column: 'parent_code', message: `${value.parent_code} ${reason}`, reason });
      } else if (parent.level !== wanted) {
        const reason = `is ${withArticle(parent.level)}; the parent of ${withArticle(value.level)} must be ${withArticle(wanted)}`;
        problems.add({ row, column: 'parent_code', message: `${value.parent_code} ${reason}`, reason });
      }
    }
    return records.map((r) => r.value);
  },

  async write(db, rows) {
    let inserted = 0;
    let updated = 0;
    // Parents before children, so that every parent id is known when its children are written.
    for (const level of ['authority', 'area', 'cluster'] as const) {
      const atLevel = rows.filter((r) => r.level === level);
      if (atLevel.length === 0) continue;
      const parents = await orgUnitsByCode(
        db,
        atLevel.flatMap((r) => (r.parent_code ? [r.parent_code] : [])),
      );
      const result = await upsertRows(
        db,
        'org_unit',
        atLevel.map((r) => ({
          code: r.code,
          name: r.name,
          level: r.level,
          parent_id: r.parent_code ? (parents.get(r.parent_code)?.id ?? null) : null,
        })),
        { key: ['code'], update: ['name', 'parent_id'] },
      );
      inserted += result.inserted;
      updated += result.updated;
    }
    return { inserted, updated };
  },
};
