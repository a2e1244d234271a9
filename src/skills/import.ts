// The ratings file (CSV or XLSX): one row per leader, audit and competency with the self rating, the
// validated rating, who validated it and the evidence. An empty cell leaves that side as it is. Every
// problem is named by row and column and nothing is written from a file with any (a whole-authority director).
import { z } from 'zod';
import { requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { cells } from '../tabular/cells.ts';
import type { ImportReport } from '../tabular/contract.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { ProblemCollector } from '../tabular/problems.ts';
import { readTable, type UploadedFile } from '../tabular/read.ts';
import { parseRecords } from '../tabular/records.ts';
import { writeRating } from './ratings.ts';

const columns = {
  all: ['audit', 'person', 'competency', 'self', 'self_note', 'validated', 'validator', 'evidence'],
  required: ['audit', 'person', 'competency'],
};

const ratingRow = z.object({
  audit: cells.code(),
  person: cells.code(),
  competency: cells.code(),
  self: cells.optionalInteger(1, 4),
  self_note: cells.optionalText(2000),
  validated: cells.optionalInteger(1, 4),
  validator: cells.optionalCode(),
  evidence: cells.optionalText(4000),
});

export async function importRatings(
  context: Context,
  file: UploadedFile,
  options: { dryRun?: boolean } = {},
): Promise<ImportReport> {
  const { db, actor, today } = context;
  requireWholeSystem(actor, 'programmes:write');
  const problems = new ProblemCollector();
  const parsed = await parseRecords(await readTable(file), columns, ratingRow, problems);
  const [audits, competencies, leaders, people, existing] = await Promise.all([
    db.selectFrom('skill_audit').select(['id', 'code']).execute(),
    db.selectFrom('competency').select(['id', 'code']).execute(),
    db
      .selectFrom('skill_audit_leader as al')
      .innerJoin('person as p', 'p.id', 'al.person_id')
      .select(['al.audit_id', 'p.code'])
      .execute(),
    db.selectFrom('person').select(['id', 'code', 'given_name', 'family_name']).execute(),
    db
      .selectFrom('skill_rating')
      .select([
        'audit_id',
        'person_id',
        'competency_id',
        'self_rating',
        'self_note',
        'validated_rating',
        'evidence',
        'validator_person_id',
      ])
      .execute(),
  ]);
  const auditId = new Map(audits.map((a) => [a.code, a.id]));
  const competencyId = new Map(competencies.map((c) => [c.code, c.id]));
  const personOf = new Map(people.map((p) => [p.code, p]));
  const inAudit = new Set(leaders.map((l) => `${l.audit_id}:${l.code}`));
  const stored = new Map(existing.map((r) => [`${r.audit_id}:${r.person_id}:${r.competency_id}`, r]));
  const seen = new Map<string, number>();
  const writes: {
    key: { audit_id: number; person_id: number; competency_id: number };
    row: {
      self?: number;
      self_note?: string | null;
      validated?: number;
      validator?: string | null;
      evidence?: string | null;
    };
  }[] = [];
  for (const { row, value: cellsOf } of parsed.records) {
    // An empty cell is "leave as it is": one absent value, not two.
    const value = { ...cellsOf, self: cellsOf.self ?? undefined, validated: cellsOf.validated ?? undefined };
    const problem = (column: string, message: string, reason = message) =>
      problems.add({ row, column, message, reason });
    const audit = auditId.get(value.audit);
    const person = personOf.get(value.person);
    const competency = competencyId.get(value.competency);
    if (audit === undefined)
      problem('audit', `${value.audit} is not a skills audit`, 'is not a skills audit');
    if (!person)
      problem('person', `${value.person} is not a person in Headway`, 'is not a person in Headway');
    else if (audit !== undefined && !inAudit.has(`${audit}:${value.person}`))
      problem(
        'person',
        `${value.person} is not a leader in audit ${value.audit}`,
        'is not a leader in the audit',
      );
    if (competency === undefined)
      problem('competency', `${value.competency} is not a competency`, 'is not a competency');
    if (value.self === undefined && value.validated === undefined)
      problem('self', 'give a self or a validated rating (or both)');
    if (value.validated !== undefined && !value.evidence)
      problem('evidence', 'a validated rating needs its evidence');
    if (value.validated === undefined && (value.validator || value.evidence))
      problem('validated', 'a validator or evidence is given without a validated rating');
    const validator = value.validator ? personOf.get(value.validator) : undefined;
    if (value.validator && !validator)
      problem('validator', `${value.validator} is not a person in Headway`, 'is not a person in Headway');
    if (value.validator && value.validator === value.person)
      problem('validator', 'a leader does not validate their own rating');
    const key = `${value.audit}:${value.person}:${value.competency}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      problem(
        'competency',
        `this leader's ${value.competency} rating is also on row ${earlier}`,
        'is on another row too',
      );
    else seen.set(key, row);
    if (audit !== undefined && person && competency !== undefined)
      writes.push({ key: { audit_id: audit, person_id: person.id, competency_id: competency }, row: value });
  }
  if (problems.total > 0) throw new ImportRejected(problems.report(), 'skills ratings', 'file');
  // A side of a rating is written only when the file changes it, so a file imported twice changes
  // nothing (and keeps the dates the ratings were first given).
  const sides = writes.map(({ key, row }) => {
    const before = stored.get(`${key.audit_id}:${key.person_id}:${key.competency_id}`);
    const validatorId = row.validator ? (personOf.get(row.validator)?.id ?? null) : null;
    const self =
      row.self !== undefined &&
      (before?.self_rating !== row.self || before.self_note !== (row.self_note ?? ''));
    const validated =
      row.validated !== undefined &&
      (before?.validated_rating !== row.validated ||
        before.evidence !== (row.evidence ?? '') ||
        before.validator_person_id !== validatorId);
    return {
      key,
      row,
      self,
      validated,
      status: !before ? 'inserted' : self || validated ? 'updated' : 'unchanged',
    };
  });
  const count = (status: string) => sides.filter((w) => w.status === status).length;
  const report: ImportReport = {
    kind: 'skills-ratings',
    rows: parsed.rows,
    inserted: count('inserted'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    dryRun: options.dryRun === true,
  };
  if (options.dryRun) return report;
  await db.transaction().execute(async (trx) => {
    for (const { key, row, self, validated } of sides) {
      if (self && row.self !== undefined)
        await writeRating(trx, key, {
          self_rating: row.self,
          self_note: row.self_note ?? '',
          self_on: today,
        });
      if (validated && row.validated !== undefined) {
        const validator = row.validator ? personOf.get(row.validator) : undefined;
        await writeRating(trx, key, {
          validated_rating: row.validated,
          evidence: row.evidence ?? '',
          validator: validator ? `${validator.given_name} ${validator.family_name}` : actor.name,
          validator_person_id: validator?.id ?? null,
          validated_on: today,
        });
      }
    }
    await recordAudit(trx, actor, 'import', 'skill-ratings', {
      file: file.name,
      rows: writes.length,
      changed: report.inserted + report.updated,
    });
  });
  return report;
}
