// The vacancy register from a workbook (sheets Vacancies and Rounds), all or nothing: every row is
// checked first (schools in the caller's scope, people in the registry, dates, counts, the order of
// rounds), each problem named by sheet, row and column; only a workbook with none is written, in one
// audited transaction. A vacancy is matched by school, post and the day it opened; a round by its
// vacancy and number. Nothing is deleted; an empty cell keeps what is stored. Appointments are not
// imported: recording one writes the head's post in the registry, so it is done on the vacancy's page.
// Also the same workbook written out, so a data manager starts from the register as it is.
import { z } from 'zod';
import { canSee, requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import { cells } from '../tabular/cells.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { ProblemCollector } from '../tabular/problems.ts';
import { readXlsxSheets, type UploadedFile } from '../tabular/read.ts';
import { type ColumnSpec, parseRecords } from '../tabular/records.ts';
import { writeWorkbook } from '../tabular/write.ts';
import type { VacancyImportReport } from './contract.ts';
import { roundOutcomes, vacancyPosts, vacancyReasons } from './lists.ts';

const sheets = {
  Vacancies: {
    all: ['school', 'post_role', 'opened_on', 'reason', 'leaving_person', 'acting_head', 'notes'],
    required: ['school', 'post_role', 'opened_on', 'reason'],
  },
  Rounds: {
    all: [
      'school',
      'post_role',
      'opened_on',
      'number',
      'advertised_on',
      'closes_on',
      'applications',
      'shortlisted',
      'interviewed',
      'outcome',
      'panel',
      'governors_on_panel',
    ],
    required: ['school', 'post_role', 'opened_on', 'number', 'advertised_on', 'closes_on'],
  },
} satisfies Record<string, ColumnSpec>;
type SheetName = keyof typeof sheets;

const vacancyRow = z.object({
  school: cells.code(),
  post_role: cells.oneOf(vacancyPosts),
  opened_on: cells.date(),
  reason: cells.oneOf(vacancyReasons),
  leaving_person: cells.optionalCode(),
  acting_head: cells.optionalCode(),
  notes: cells.optionalText(4000),
});
const roundRow = z.object({
  school: cells.code(),
  post_role: cells.oneOf(vacancyPosts),
  opened_on: cells.date(),
  number: cells.optionalInteger(1, 50),
  advertised_on: cells.date(),
  closes_on: cells.date(),
  applications: cells.optionalInteger(0, 10_000),
  shortlisted: cells.optionalInteger(0, 10_000),
  interviewed: cells.optionalInteger(0, 10_000),
  outcome: cells.optionalOneOf(roundOutcomes),
  panel: cells.optionalText(2000),
  governors_on_panel: cells.optionalInteger(0, 20),
});

const keyOf = (v: { school: string; post_role: string; opened_on: string }) =>
  `${v.school}|${v.post_role}|${v.opened_on}`;

/** Problems as "Rounds: closes_on": the sheet goes with the column. */
function add(
  problems: ProblemCollector,
  sheet: SheetName,
  row: number | null,
  column: string | null,
  message: string,
) {
  problems.add({ row, column: `${sheet}${column ? `: ${column}` : ''}`, message });
}

async function storedRegister(context: Context) {
  const vacancies = await context.db
    .selectFrom('vacancy as v')
    .innerJoin('org_unit as o', 'o.id', 'v.school_unit_id')
    .leftJoin('person as l', 'l.id', 'v.leaving_person_id')
    .leftJoin('person as c', 'c.id', 'v.cover_person_id')
    .select([
      'v.id',
      'o.code as school',
      'v.post_role',
      'v.opened_on',
      'v.reason',
      'l.code as leaving_person',
      'c.code as acting_head',
      'v.cover_deployment_id',
      'v.notes',
      'v.appointed_on',
      'v.withdrawn_on',
    ])
    .orderBy('v.opened_on')
    .orderBy('o.code')
    .execute();
  const rounds = await context.db
    .selectFrom('vacancy_round')
    .selectAll()
    .orderBy('vacancy_id')
    .orderBy('number')
    .execute();
  return { vacancies, rounds };
}

type StoredVacancy = Awaited<ReturnType<typeof storedRegister>>['vacancies'][number];
type StoredRound = Awaited<ReturnType<typeof storedRegister>>['rounds'][number];

export async function importVacancies(
  context: Context,
  file: UploadedFile,
  options: { dryRun?: boolean } = {},
): Promise<VacancyImportReport> {
  const { db, actor, today } = context;
  requirePermission(actor, 'brokering:write');
  if (!file.name.toLowerCase().endsWith('.xlsx'))
    throw new HeadwayError(
      'invalid',
      `${file.name}: the vacancy register comes in a workbook (.xlsx) with sheets Vacancies and Rounds`,
    );
  const found = new Map(
    (await readXlsxSheets(file.bytes)).map((s) => [s.name.trim().toLowerCase(), s.table]),
  );
  const problems = new ProblemCollector();
  const read = async <T>(name: SheetName, shape: z.ZodType<T>) => {
    const table = found.get(name.toLowerCase());
    if (!table) return { records: [] as { row: number; value: T }[], columns: new Set<string>() };
    const own = new ProblemCollector();
    const parsed = await parseRecords(table, sheets[name], shape, own);
    for (const p of own.report().listed) add(problems, name, p.row, p.column, p.message);
    return parsed;
  };
  if (!found.has('vacancies') && !found.has('rounds'))
    add(problems, 'Vacancies', null, null, 'the workbook has neither a Vacancies nor a Rounds sheet');
  const vacancies = await read('Vacancies', vacancyRow);
  const rounds = await read('Rounds', roundRow);

  const stored = await storedRegister(context);
  const storedByKey = new Map(stored.vacancies.map((v) => [keyOf(v), v]));
  const storedRounds = new Map<number, StoredRound[]>();
  for (const r of stored.rounds)
    storedRounds.set(r.vacancy_id, [...(storedRounds.get(r.vacancy_id) ?? []), r]);
  const schools = new Map(
    (
      await db
        .selectFrom('school')
        .innerJoin('org_unit', 'org_unit.id', 'school.org_unit_id')
        .select(['org_unit.id', 'org_unit.code'])
        .execute()
    ).map((s) => [s.code, s.id]),
  );
  const personCodes = [
    ...new Set(
      vacancies.records.flatMap((r) => [r.value.leaving_person, r.value.acting_head].filter(Boolean)),
    ),
  ] as string[];
  const people = new Map(
    personCodes.length
      ? (await db.selectFrom('person').select(['id', 'code']).where('code', 'in', personCodes).execute()).map(
          (p) => [p.code, p.id],
        )
      : [],
  );
  const schoolProblem = (code: string) =>
    !schools.has(code)
      ? `no school ${code} in the registry`
      : !canSee(actor, code)
        ? `${code} is not in your scope`
        : null;

  // Vacancies: what each row would write, and whether it changes anything stored.
  const onSheet = new Map<string, number>();
  const vacancyWrites: {
    value: z.infer<typeof vacancyRow>;
    before: StoredVacancy | undefined;
    changes: boolean;
  }[] = [];
  for (const { row, value } of vacancies.records) {
    const key = keyOf(value);
    if (onSheet.has(key))
      add(problems, 'Vacancies', row, 'opened_on', `this vacancy is on row ${onSheet.get(key)} too`);
    onSheet.set(key, row);
    const school = schoolProblem(value.school);
    if (school) add(problems, 'Vacancies', row, 'school', school);
    if (value.opened_on > today)
      add(problems, 'Vacancies', row, 'opened_on', `${value.opened_on} is after today (${today})`);
    for (const column of ['leaving_person', 'acting_head'] as const) {
      const code = value[column];
      if (code && !people.has(code))
        add(problems, 'Vacancies', row, column, `no person ${code} in the registry`);
    }
    const before = storedByKey.get(key);
    if (before && value.acting_head && before.cover_deployment_id !== null)
      add(
        problems,
        'Vacancies',
        row,
        'acting_head',
        `vacancy ${before.id} is covered by deployment ${before.cover_deployment_id}: change its cover on the vacancy's page`,
      );
    const changes =
      !before ||
      before.reason !== value.reason ||
      (value.leaving_person !== undefined && before.leaving_person !== value.leaving_person) ||
      (value.acting_head !== undefined && before.acting_head !== value.acting_head) ||
      (vacancies.columns.has('notes') && before.notes !== (value.notes ?? ''));
    if (before && changes && (before.appointed_on || before.withdrawn_on))
      add(
        problems,
        'Vacancies',
        row,
        null,
        `vacancy ${before.id} was ${before.appointed_on ? `filled on ${before.appointed_on}` : `withdrawn on ${before.withdrawn_on}`}: it is kept as it was`,
      );
    vacancyWrites.push({ value, before, changes });
  }

  // Rounds: each against its vacancy (on the sheet or stored), then each vacancy's rounds in order.
  const roundsByVacancy = new Map<
    string,
    Map<number, { row: number; outcome: string; advertised_on: string }>
  >();
  const roundWrites: { key: string; value: z.infer<typeof roundRow>; before: StoredRound | undefined }[] = [];
  for (const { row, value } of rounds.records) {
    const key = keyOf(value);
    const vacancy = storedByKey.get(key);
    const listed = vacancies.records.find((v) => keyOf(v.value) === key);
    const school = schoolProblem(value.school);
    if (school) add(problems, 'Rounds', row, 'school', school);
    else if (!vacancy && !listed)
      add(
        problems,
        'Rounds',
        row,
        'opened_on',
        `no ${value.post_role.replace('_', ' ')} vacancy at ${value.school} opened on ${value.opened_on}, on the Vacancies sheet or in Headway`,
      );
    if (value.number === undefined) {
      add(problems, 'Rounds', row, 'number', 'is empty: the round number (1 for the first advertisement)');
      continue;
    }
    const before = vacancy ? storedRounds.get(vacancy.id)?.find((r) => r.number === value.number) : undefined;
    const numbers = roundsByVacancy.get(key) ?? new Map();
    if (numbers.has(value.number))
      add(
        problems,
        'Rounds',
        row,
        'number',
        `round ${value.number} of this vacancy is on row ${numbers.get(value.number)?.row} too`,
      );
    const outcome = value.outcome ?? before?.outcome ?? 'open';
    numbers.set(value.number, { row, outcome, advertised_on: value.advertised_on });
    roundsByVacancy.set(key, numbers);
    if (value.closes_on < value.advertised_on)
      add(
        problems,
        'Rounds',
        row,
        'closes_on',
        `${value.closes_on} is before advertised_on ${value.advertised_on}`,
      );
    if (value.advertised_on < value.opened_on)
      add(
        problems,
        'Rounds',
        row,
        'advertised_on',
        `${value.advertised_on} is before the vacancy opened (${value.opened_on})`,
      );
    const counts = {
      applications: value.applications ?? before?.applications ?? 0,
      shortlisted: value.shortlisted ?? before?.shortlisted ?? 0,
      interviewed: value.interviewed ?? before?.interviewed ?? 0,
    };
    if (counts.shortlisted > counts.applications)
      add(
        problems,
        'Rounds',
        row,
        'shortlisted',
        `${counts.shortlisted} is more than applications (${counts.applications})`,
      );
    if (counts.interviewed > counts.shortlisted)
      add(
        problems,
        'Rounds',
        row,
        'interviewed',
        `${counts.interviewed} is more than shortlisted (${counts.shortlisted})`,
      );
    if (outcome === 'appointed' && before?.outcome !== 'appointed')
      add(
        problems,
        'Rounds',
        row,
        'outcome',
        "record the appointment on the vacancy's page: it writes the new head's post in the registry",
      );
    if (before?.outcome === 'appointed' && outcome !== 'appointed')
      add(
        problems,
        'Rounds',
        row,
        'outcome',
        `round ${value.number} made the appointment of vacancy ${vacancy?.id}`,
      );
    if (!before && vacancy && (vacancy.appointed_on || vacancy.withdrawn_on))
      add(
        problems,
        'Rounds',
        row,
        'number',
        `vacancy ${vacancy.id} was ${vacancy.appointed_on ? 'filled' : 'withdrawn'}: no new round is added to it`,
      );
    roundWrites.push({ key, value, before });
  }
  for (const [key, numbers] of roundsByVacancy) {
    const vacancy = storedByKey.get(key);
    const all = new Map<number, { row: number | null; outcome: string }>(
      (vacancy ? (storedRounds.get(vacancy.id) ?? []) : []).map((r) => [
        r.number,
        { row: null, outcome: r.outcome },
      ]),
    );
    for (const [n, r] of numbers) all.set(n, r);
    const ordered = [...all.keys()].sort((a, b) => a - b);
    ordered.forEach((n, i) => {
      const round = all.get(n) as { row: number | null; outcome: string };
      const row = numbers.get(n)?.row ?? numbers.values().next().value?.row ?? null;
      if (n !== i + 1)
        add(
          problems,
          'Rounds',
          row,
          'number',
          `rounds are numbered 1, 2, 3 … in order: round ${i + 1} is missing`,
        );
      if (round.outcome === 'open' && i < ordered.length - 1)
        add(
          problems,
          'Rounds',
          row,
          'outcome',
          `round ${n} is open, but round ${ordered[i + 1]} follows it: give its outcome`,
        );
    });
  }
  if (problems.total > 0) throw new ImportRejected(problems.report(), 'vacancy register', 'file');
  if (vacancies.records.length + rounds.records.length === 0)
    throw new HeadwayError('invalid', `${file.name}: no vacancy or round rows`);

  const report: VacancyImportReport = {
    vacancies: { inserted: 0, updated: 0, unchanged: 0 },
    rounds: { inserted: 0, updated: 0, unchanged: 0 },
    dry_run: options.dryRun === true,
  };
  for (const w of vacancyWrites)
    report.vacancies[!w.before ? 'inserted' : w.changes ? 'updated' : 'unchanged'] += 1;
  const roundFields = (w: (typeof roundWrites)[number]) => {
    const { value, before } = w;
    return {
      advertised_on: value.advertised_on,
      closes_on: value.closes_on,
      applications: value.applications ?? before?.applications ?? 0,
      shortlisted: value.shortlisted ?? before?.shortlisted ?? 0,
      interviewed: value.interviewed ?? before?.interviewed ?? 0,
      outcome: value.outcome ?? before?.outcome ?? 'open',
      panel: rounds.columns.has('panel') ? (value.panel ?? '') : (before?.panel ?? ''),
      governors_on_panel: value.governors_on_panel ?? before?.governors_on_panel ?? 0,
    };
  };
  const roundChanges = (w: (typeof roundWrites)[number]) =>
    !w.before ||
    Object.entries(roundFields(w)).some(([k, v]) => (w.before as Record<string, unknown>)[k] !== v);
  for (const w of roundWrites)
    report.rounds[!w.before ? 'inserted' : roundChanges(w) ? 'updated' : 'unchanged'] += 1;
  if (options.dryRun) return report;

  await db.transaction().execute(async (trx) => {
    const ids = new Map(stored.vacancies.map((v) => [keyOf(v), v.id]));
    for (const { value, before, changes } of vacancyWrites) {
      if (before && !changes) continue;
      const fields = {
        reason: value.reason,
        ...(value.leaving_person && { leaving_person_id: people.get(value.leaving_person) as number }),
        ...(value.acting_head && { cover_person_id: people.get(value.acting_head) as number }),
        ...(vacancies.columns.has('notes') && { notes: value.notes ?? '' }),
      };
      if (before) await trx.updateTable('vacancy').set(fields).where('id', '=', before.id).execute();
      else {
        const { id } = await trx
          .insertInto('vacancy')
          .values({
            school_unit_id: schools.get(value.school) as number,
            post_role: value.post_role,
            opened_on: value.opened_on,
            created_by: actor.name,
            ...fields,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.set(keyOf(value), id);
      }
    }
    for (const w of roundWrites) {
      if (!roundChanges(w)) continue;
      if (w.before)
        await trx.updateTable('vacancy_round').set(roundFields(w)).where('id', '=', w.before.id).execute();
      else
        await trx
          .insertInto('vacancy_round')
          .values({
            vacancy_id: ids.get(w.key) as number,
            number: w.value.number as number,
            ...roundFields(w),
          })
          .execute();
    }
    await recordAudit(trx, actor, 'import', 'vacancy-register', { file: file.name, ...report });
  });
  return report;
}

/** The register the caller may see, in the sheets and columns the import reads. */
export async function exportVacancies(context: Context): Promise<Buffer> {
  requirePermission(context.actor, 'brokering:write');
  const stored = await storedRegister(context);
  const visible = stored.vacancies.filter((v) => canSee(context.actor, v.school));
  const byId = new Map(visible.map((v) => [v.id, v]));
  return writeWorkbook([
    {
      name: 'Vacancies',
      columns: sheets.Vacancies.all,
      rows: visible.map(({ school, post_role, opened_on, reason, leaving_person, acting_head, notes }) => ({
        school,
        post_role,
        opened_on,
        reason,
        leaving_person,
        acting_head,
        notes,
      })),
    },
    {
      name: 'Rounds',
      columns: sheets.Rounds.all,
      rows: stored.rounds.flatMap((r) => {
        const v = byId.get(r.vacancy_id);
        if (!v) return [];
        const { id: _, vacancy_id: __, ...round } = r;
        return [{ school: v.school, post_role: v.post_role, opened_on: v.opened_on, ...round }];
      }),
    },
  ]);
}
