// Cohorts and participants from a workbook (sheets Cohorts and Participants), all or nothing: every row
// is checked first (codes, programmes, people, schools, dates, statuses, an NPQH internship's 5 to 20
// days), each problem named by sheet, row and column; only a workbook with none is written, in one
// audited transaction. Cohorts are matched by code, participants by cohort and person; nothing is
// deleted, and a column the sheet leaves out keeps its values. Also the same workbook written out.
import { z } from 'zod';
import { requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import { type Context, withDb } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import { cells } from '../tabular/cells.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { ProblemCollector } from '../tabular/problems.ts';
import { readXlsxSheets, type UploadedFile } from '../tabular/read.ts';
import { type ColumnSpec, parseRecords } from '../tabular/records.ts';
import { writeWorkbook } from '../tabular/write.ts';
import type { ProgrammeImportReport } from './contract.ts';
import { participantStatuses } from './lists.ts';
import { placementDaysProblem, postOn } from './programmes.ts';

const sheets = {
  Cohorts: {
    all: ['code', 'programme', 'name', 'provider', 'starts_on', 'ends_on'],
    required: ['code', 'programme', 'name', 'starts_on', 'ends_on'],
  },
  Participants: {
    all: ['cohort', 'person', 'school', 'post_role', 'status', 'completed_on', 'placement_days'],
    required: ['cohort', 'person'],
  },
} satisfies Record<string, ColumnSpec>;
type SheetName = keyof typeof sheets;

const cohortRow = z.object({
  code: cells.code(),
  programme: cells.code(),
  name: cells.text(120),
  provider: cells.optionalText(200),
  starts_on: cells.date(),
  ends_on: cells.date(),
});
const participantRow = z.object({
  cohort: cells.code(),
  person: cells.code(),
  school: cells.optionalCode(),
  post_role: cells.optionalText(40),
  status: cells.optionalOneOf(participantStatuses),
  completed_on: cells.optionalDate(),
  placement_days: cells.optionalNumber(0.5, 60),
});

/** Problems as "Participants: status": the sheet goes with the column. */
function add(
  problems: ProblemCollector,
  sheet: SheetName,
  row: number | null,
  column: string | null,
  message: string,
) {
  problems.add({ row, column: `${sheet}${column ? `: ${column}` : ''}`, message });
}

export async function importCohorts(
  context: Context,
  file: UploadedFile,
  options: { dryRun?: boolean } = {},
): Promise<ProgrammeImportReport> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'programmes:write');
  if (!file.name.toLowerCase().endsWith('.xlsx'))
    throw new HeadwayError(
      'invalid',
      `${file.name}: cohorts come in a workbook (.xlsx) with sheets Cohorts and Participants`,
    );
  const found = new Map(
    (await readXlsxSheets(file.bytes)).map((s) => [s.name.trim().toLowerCase(), s.table]),
  );
  const problems = new ProblemCollector();
  const read = async <T>(name: SheetName, shape: z.ZodType<T>) => {
    const table = found.get(name.toLowerCase());
    if (!table) {
      add(problems, name, null, null, `the workbook has no sheet named ${name}`);
      return { records: [] as { row: number; value: T }[], columns: new Set<string>() };
    }
    const own = new ProblemCollector();
    const parsed = await parseRecords(table, sheets[name], shape, own);
    for (const p of own.report().listed) add(problems, name, p.row, p.column, p.message);
    return parsed;
  };
  const cohorts = await read('Cohorts', cohortRow);
  const participants = await read('Participants', participantRow);

  const programmes = new Map(
    (await db.selectFrom('programme').select(['id', 'code', 'placement']).execute()).map((p) => [p.code, p]),
  );
  const existingCohorts = new Map(
    (
      await db
        .selectFrom('programme_cohort')
        .select(['id', 'code', 'programme_id', 'name', 'provider', 'starts_on', 'ends_on'])
        .execute()
    ).map((c) => [c.code, c]),
  );
  const fileCohorts = new Map<
    string,
    { row: number; programme: string; starts_on: string; ends_on: string }
  >();
  for (const { row, value } of cohorts.records) {
    if (fileCohorts.has(value.code))
      add(
        problems,
        'Cohorts',
        row,
        'code',
        `${value.code} is on row ${fileCohorts.get(value.code)?.row} too`,
      );
    fileCohorts.set(value.code, {
      row,
      programme: value.programme,
      starts_on: value.starts_on,
      ends_on: value.ends_on,
    });
    if (!programmes.has(value.programme))
      add(problems, 'Cohorts', row, 'programme', `no programme ${value.programme} (see GET /programmes)`);
    if (value.ends_on < value.starts_on)
      add(problems, 'Cohorts', row, 'ends_on', `${value.ends_on} is before starts_on ${value.starts_on}`);
  }
  const personCodes = [...new Set(participants.records.map((r) => r.value.person))];
  const schoolCodes = [
    ...new Set(participants.records.flatMap((r) => (r.value.school ? [r.value.school] : []))),
  ];
  const people = new Map(
    personCodes.length
      ? (await db.selectFrom('person').select(['id', 'code']).where('code', 'in', personCodes).execute()).map(
          (p) => [p.code, p.id],
        )
      : [],
  );
  const schools = new Map(
    schoolCodes.length
      ? (
          await db
            .selectFrom('school')
            .innerJoin('org_unit', 'org_unit.id', 'school.org_unit_id')
            .select(['org_unit.id', 'org_unit.code'])
            .where('org_unit.code', 'in', schoolCodes)
            .execute()
        ).map((s) => [s.code, s.id])
      : [],
  );
  const seen = new Map<string, number>();
  for (const { row, value } of participants.records) {
    const key = `${value.cohort}\u0000${value.person}`;
    if (seen.has(key))
      add(
        problems,
        'Participants',
        row,
        'person',
        `${value.person} is in cohort ${value.cohort} on row ${seen.get(key)} too`,
      );
    seen.set(key, row);
    const cohort = fileCohorts.get(value.cohort) ?? existingCohorts.get(value.cohort);
    const programmeCode =
      fileCohorts.get(value.cohort)?.programme ??
      [...programmes.values()].find((p) => p.id === existingCohorts.get(value.cohort)?.programme_id)?.code;
    if (!cohort)
      add(
        problems,
        'Participants',
        row,
        'cohort',
        `no cohort ${value.cohort} on the Cohorts sheet or in Headway`,
      );
    if (!people.has(value.person))
      add(problems, 'Participants', row, 'person', `no person ${value.person} in the registry`);
    if (value.school && !schools.has(value.school))
      add(problems, 'Participants', row, 'school', `no school ${value.school} in the registry`);
    const status = value.status ?? (value.completed_on ? 'completed' : 'enrolled');
    if (status === 'completed' && !value.completed_on)
      add(
        problems,
        'Participants',
        row,
        'completed_on',
        'is empty: a completed participant has the date they completed',
      );
    if (status !== 'completed' && value.completed_on)
      add(problems, 'Participants', row, 'completed_on', `is given, but the status is ${status}`);
    if (value.completed_on && value.completed_on > context.today)
      add(problems, 'Participants', row, 'completed_on', `${value.completed_on} is after today`);
    if (value.completed_on && cohort && value.completed_on < cohort.starts_on)
      add(
        problems,
        'Participants',
        row,
        'completed_on',
        `${value.completed_on} is before the cohort starts (${cohort.starts_on})`,
      );
    const placement = programmeCode ? programmes.get(programmeCode)?.placement : null;
    const daysProblem = placementDaysProblem(
      placement ?? null,
      value.placement_days,
      programmeCode ?? value.cohort,
    );
    if (daysProblem && cohort) add(problems, 'Participants', row, 'placement_days', daysProblem);
  }
  if (problems.total > 0) throw new ImportRejected(problems.report(), 'programme cohorts', 'file');
  if (cohorts.records.length + participants.records.length === 0)
    throw new HeadwayError('invalid', `${file.name}: no cohort or participant rows`);

  class DryRun extends Error {
    constructor(readonly report: ProgrammeImportReport) {
      super('dry run');
    }
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const report: ProgrammeImportReport = {
        cohorts: { inserted: 0, updated: 0, unchanged: 0 },
        participants: { inserted: 0, updated: 0, unchanged: 0 },
        dry_run: options.dryRun === true,
      };
      const cohortIds = new Map(
        [...existingCohorts].map(([code, c]) => [code, { id: c.id, starts_on: c.starts_on }]),
      );
      for (const { value } of cohorts.records) {
        const programme_id = (programmes.get(value.programme) as { id: number }).id;
        const next = {
          programme_id,
          name: value.name,
          ...(cohorts.columns.has('provider') && { provider: value.provider ?? '' }),
          starts_on: value.starts_on,
          ends_on: value.ends_on,
        };
        const before = existingCohorts.get(value.code);
        if (!before) {
          const { id } = await trx
            .insertInto('programme_cohort')
            .values({ code: value.code, ...next })
            .returning('id')
            .executeTakeFirstOrThrow();
          cohortIds.set(value.code, { id, starts_on: value.starts_on });
          report.cohorts.inserted += 1;
        } else if (Object.entries(next).some(([k, v]) => before[k as keyof typeof before] !== v)) {
          await trx.updateTable('programme_cohort').set(next).where('id', '=', before.id).execute();
          cohortIds.set(value.code, { id: before.id, starts_on: value.starts_on });
          report.cohorts.updated += 1;
        } else report.cohorts.unchanged += 1;
      }
      const has = (c: string) => participants.columns.has(c);
      for (const { value } of participants.records) {
        const cohort = cohortIds.get(value.cohort) as { id: number; starts_on: string };
        const person_id = people.get(value.person) as number;
        const status = value.status ?? (value.completed_on ? 'completed' : 'enrolled');
        const before = await trx
          .selectFrom('programme_participant')
          .selectAll()
          .where('cohort_id', '=', cohort.id)
          .where('person_id', '=', person_id)
          .executeTakeFirst();
        const given = {
          ...(has('school') && value.school && { school_id: schools.get(value.school) as number }),
          ...(has('post_role') && value.post_role && { post_role: value.post_role }),
          ...((has('status') || has('completed_on')) && { status, completed_on: value.completed_on ?? null }),
          ...(has('placement_days') && { placement_days: value.placement_days ?? null }),
        };
        if (!before) {
          const entry = await postOn(withDb(context, trx), person_id, cohort.starts_on);
          await trx
            .insertInto('programme_participant')
            .values({
              cohort_id: cohort.id,
              person_id,
              school_id: entry?.school_id ?? null,
              post_role: entry?.post_role ?? null,
              ...given,
            })
            .execute();
          report.participants.inserted += 1;
        } else if (
          Object.entries(given).some(([k, v]) => {
            const was = before[k as keyof typeof before];
            return (
              (typeof was === 'string' && /^\d/.test(was) && typeof v === 'number' ? Number(was) : was) !== v
            );
          })
        ) {
          await trx.updateTable('programme_participant').set(given).where('id', '=', before.id).execute();
          report.participants.updated += 1;
        } else report.participants.unchanged += 1;
      }
      if (options.dryRun) throw new DryRun(report);
      await recordAudit(trx, actor, 'import', 'programme-cohorts', { file: file.name, ...report });
      return report;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}

/** Every cohort and participant in the columns import reads (the director's; whole-authority). */
export async function exportCohorts(context: Context): Promise<Buffer> {
  requireWholeSystem(context.actor, 'programmes:write');
  const cohorts = await context.db
    .selectFrom('programme_cohort as c')
    .innerJoin('programme as p', 'p.id', 'c.programme_id')
    .select(['c.code', 'p.code as programme', 'c.name', 'c.provider', 'c.starts_on', 'c.ends_on'])
    .orderBy('c.starts_on')
    .orderBy('c.code')
    .execute();
  const participants = await context.db
    .selectFrom('programme_participant as pp')
    .innerJoin('programme_cohort as c', 'c.id', 'pp.cohort_id')
    .innerJoin('person as pe', 'pe.id', 'pp.person_id')
    .leftJoin('org_unit as s', 's.id', 'pp.school_id')
    .select([
      'c.code as cohort',
      'pe.code as person',
      's.code as school',
      'pp.post_role',
      'pp.status',
      'pp.completed_on',
      'pp.placement_days',
    ])
    .orderBy('c.code')
    .orderBy('pe.code')
    .execute();
  return writeWorkbook([
    { name: 'Cohorts', columns: sheets.Cohorts.all, rows: cohorts },
    {
      name: 'Participants',
      columns: sheets.Participants.all,
      rows: participants.map((p) => ({
        ...p,
        placement_days: p.placement_days === null ? null : Number(p.placement_days),
      })),
    },
  ]);
}
