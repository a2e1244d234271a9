// Governing boards: the list (with the director's "not ready" reasons), one board whole, setting a board
// up and changing it, its succession plan, and the board's members on recruitment panels.
import { requirePermission, requireVisible, visibleUnits } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { personIdsByCode } from '../registry/lookups.ts';
import { personName } from '../registry/sql.ts';
import { type BoardRef, mayOnBoard, requireBoard, requireOnBoard } from './access.ts';
import {
  type BoardDetail,
  BoardEdit,
  BoardFilter,
  type BoardFilter as BoardFilterInput,
  BoardInput,
  type BoardPage,
  type BoardSummary,
  type GovernorCategory,
  PanelInput,
  SuccessionInput,
} from './contract.ts';
import { governorCategories } from './lists.ts';
import { boardMembers } from './members.ts';
import { type BoardRow, type BoardRules, boardListQuery } from './queries.ts';

/** A plan not reviewed in this many months is out of date. */
const PLAN_REVIEW_MONTHS = 12;

const rulesOf = (context: Context): BoardRules => ({
  today: context.today,
  termMonths: context.settings.governorTermMonths ?? 6,
  vacancyPercent: context.settings.boardVacancyPercent ?? 25,
  planMonths: PLAN_REVIEW_MONTHS,
});

const summaryOf = ({
  id: _,
  total: __,
  f_not_ready,
  f_with_plan,
  f_places,
  f_vacancies,
  f_serving,
  f_trained,
  ...row
}: BoardRow): BoardSummary => row;

/** Boards in the caller's scope, filtered, sorted and paged, with the figures of the whole filter. */
export async function listBoards(context: Context, raw: BoardFilterInput = {}): Promise<BoardPage> {
  requirePermission(context.actor, 'governance:read');
  const filter = BoardFilter.parse(raw);
  if (filter.area) requireVisible(context.actor, filter.area, `Area ${filter.area}`);
  if (filter.school) requireVisible(context.actor, filter.school, `School ${filter.school}`);
  const rules = rulesOf(context);
  const { rows } = await boardListQuery(visibleUnits(context.actor), filter, rules).execute(context.db);
  const first = rows[0];
  return {
    total: first?.total ?? 0,
    page: filter.page,
    page_size: filter.page_size,
    figures: {
      boards: first?.total ?? 0,
      not_ready: first?.f_not_ready ?? 0,
      with_plan: first?.f_with_plan ?? 0,
      places: first?.f_places ?? 0,
      vacancies: first?.f_vacancies ?? 0,
      serving: first?.f_serving ?? 0,
      trained: first?.f_trained ?? 0,
    },
    settings: {
      term_ending_months: rules.termMonths,
      vacancy_percent: rules.vacancyPercent,
      plan_review_months: rules.planMonths,
    },
    boards: rows.map(summaryOf),
  };
}

async function summary(context: Context, board: BoardRef): Promise<BoardSummary> {
  const { rows } = await boardListQuery(
    null,
    { ...BoardFilter.parse({}), code: board.code },
    rulesOf(context),
  ).execute(context.db);
  if (!rows[0]) throw notFound(`Board ${board.code}`);
  return summaryOf(rows[0]);
}

/** One board whole: places by category, members, skills matrix and gaps, training, succession, recruitment. */
export async function boardDetail(context: Context, code: string): Promise<BoardDetail> {
  const board = await requireBoard(context, code);
  const { db } = context;
  const canManage = mayOnBoard(context, board, 'governance:manage');
  const canRecord = mayOnBoard(context, board, 'governance:write');
  const [head, row, members, places, skills, courses, succession] = await Promise.all([
    db
      .selectFrom('governing_board')
      .select(['clerk_name', 'clerk_email'])
      .where('id', '=', board.id)
      .executeTakeFirstOrThrow(),
    summary(context, board),
    boardMembers(context, board.id, canRecord),
    db.selectFrom('governing_board_place').selectAll().where('board_id', '=', board.id).execute(),
    db.selectFrom('governance_skill').selectAll().where('active', '=', true).orderBy('position').execute(),
    db.selectFrom('governance_course').selectAll().orderBy('position').execute(),
    db
      .selectFrom('board_succession as s')
      .leftJoin('governor as g', 'g.id', 's.chair_successor_id')
      .leftJoin('person as p', 'p.id', 's.headship_successor_person_id')
      .selectAll('s')
      .select(['g.name as chair_name', 'p.code as head_code', personName('p').as('head_name')])
      .where('s.board_id', '=', board.id)
      .executeTakeFirst(),
  ]);
  const serving = members.filter((m) => m.status === 'serving');
  const byCategory = governorCategories
    .map((category) => {
      const placesHere = places.find((p) => p.category === category)?.places ?? 0;
      const servingHere = serving.filter((m) => m.category === category).length;
      return {
        category,
        places: placesHere,
        serving: servingHere,
        vacancies: Math.max(placesHere - servingHere, 0),
      };
    })
    .filter((c) => c.places > 0 || c.serving > 0);
  return {
    ...row,
    clerk_name: head.clerk_name,
    clerk_email: canRecord ? head.clerk_email : null,
    can_manage: canManage,
    can_record: canRecord,
    by_category: byCategory,
    members,
    skills: skills.map((s) => {
      const covered = serving.filter((m) => (m.skills[s.code] ?? 0) >= 2).length;
      return {
        code: s.code,
        name: s.name,
        covered_by: covered,
        gap: covered === 0 ? 'none' : covered === 1 ? 'one' : null,
      };
    }),
    courses: courses.map((c) => ({
      code: c.code,
      name: c.name,
      mandatory: c.mandatory,
      renew_months: c.renew_months,
      overdue: c.mandatory ? serving.filter((m) => m.overdue.includes(c.code)).length : 0,
    })),
    succession: succession
      ? {
          has_plan: succession.has_plan,
          reviewed_on: succession.reviewed_on,
          chair_successor: succession.chair_successor_id
            ? { id: succession.chair_successor_id, name: succession.chair_name as string }
            : null,
          headship_successor: succession.head_code
            ? { code: succession.head_code, name: succession.head_name as string }
            : null,
          headship_successor_note: succession.headship_successor,
          notes: succession.notes,
        }
      : null,
    headship_vacancies: await headshipVacancies(db, board.id),
  };
}

/** The headship vacancies of the board's schools with their rounds and the members on each panel. */
async function headshipVacancies(db: Db, boardId: number): Promise<BoardDetail['headship_vacancies']> {
  const vacancies = await db
    .selectFrom('vacancy as v')
    .innerJoin('governing_board_school as bs', 'bs.school_unit_id', 'v.school_unit_id')
    .innerJoin('org_unit as o', 'o.id', 'v.school_unit_id')
    .select(['v.id', 'v.opened_on', 'v.appointed_on', 'v.withdrawn_on', 'o.code', 'o.name'])
    .where('bs.board_id', '=', boardId)
    .where('v.post_role', '=', 'headteacher')
    .orderBy('v.opened_on', 'desc')
    .execute();
  if (!vacancies.length) return [];
  const rounds = await db
    .selectFrom('vacancy_round')
    .selectAll()
    .where(
      'vacancy_id',
      'in',
      vacancies.map((v) => v.id),
    )
    .orderBy('number')
    .execute();
  const panels = rounds.length
    ? await db
        .selectFrom('governor_panel as gp')
        .innerJoin('governor as g', 'g.id', 'gp.governor_id')
        .select(['gp.vacancy_round_id', 'g.id', 'g.name'])
        .where(
          'gp.vacancy_round_id',
          'in',
          rounds.map((r) => r.id),
        )
        .orderBy('g.name')
        .execute()
    : [];
  return vacancies.map((v) => ({
    id: v.id,
    school: { code: v.code, name: v.name },
    opened_on: v.opened_on,
    status: v.withdrawn_on ? 'withdrawn' : v.appointed_on ? 'filled' : 'open',
    rounds: rounds
      .filter((r) => r.vacancy_id === v.id)
      .map((r) => ({
        id: r.id,
        number: r.number,
        advertised_on: r.advertised_on,
        outcome: r.outcome,
        panel: r.panel,
        governors_on_panel: r.governors_on_panel,
        governors: panels.filter((p) => p.vacancy_round_id === r.id).map((p) => ({ id: p.id, name: p.name })),
      })),
  }));
}

/** School codes to ids, each in the caller's scope, a school, and not governed by another board. */
async function boardSchools(context: Context, codes: string[], except: number | null): Promise<number[]> {
  const unique = [...new Set(codes)];
  for (const code of unique) requireVisible(context.actor, code, `School ${code}`);
  const rows = await context.db
    .selectFrom('org_unit as o')
    .leftJoin('governing_board_school as bs', 'bs.school_unit_id', 'o.id')
    .leftJoin('governing_board as b', 'b.id', 'bs.board_id')
    .select(['o.id', 'o.code', 'o.level', 'b.id as board_id', 'b.code as board_code'])
    .where('o.code', 'in', unique)
    .execute();
  for (const code of unique) {
    const row = rows.find((r) => r.code === code);
    if (!row || row.level !== 'school') throw new HeadwayError('invalid', `schools: ${code} is not a school`);
    if (row.board_id && row.board_id !== except)
      throw new HeadwayError('invalid', `schools: ${code} is already governed by board ${row.board_code}`);
  }
  return rows.map((r) => r.id);
}

async function groupId(db: Db, code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const group = await db.selectFrom('org_group').select('id').where('code', '=', code).executeTakeFirst();
  if (!group) throw new HeadwayError('invalid', `group: ${code} is not a trust or federation`);
  return group.id;
}

async function writePlaces(trx: Db, boardId: number, places: Partial<Record<GovernorCategory, number>>) {
  await trx.deleteFrom('governing_board_place').where('board_id', '=', boardId).execute();
  const rows = Object.entries(places)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([category, n]) => ({
      board_id: boardId,
      category: category as GovernorCategory,
      places: n as number,
    }));
  if (rows.length) await trx.insertInto('governing_board_place').values(rows).execute();
}

/** Sets up a board for schools all in the caller's scope. */
export async function createBoard(context: Context, raw: BoardInput): Promise<BoardDetail> {
  requirePermission(context.actor, 'governance:manage');
  const input = BoardInput.parse(raw);
  const { db } = context;
  if (await db.selectFrom('governing_board').select('id').where('code', '=', input.code).executeTakeFirst())
    throw new HeadwayError('conflict', `Board ${input.code} already exists`);
  const schools = await boardSchools(context, input.schools, null);
  const group = await groupId(db, input.group);
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('governing_board')
      .values({
        code: input.code,
        name: input.name,
        group_id: group,
        clerk_name: input.clerk_name,
        clerk_email: input.clerk_email ?? null,
        created_by: context.actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('governing_board_school')
      .values(schools.map((school_unit_id) => ({ board_id: id, school_unit_id })))
      .execute();
    await writePlaces(trx, id, input.places);
    await recordAudit(trx, context.actor, 'create', 'governing_board', {
      id,
      code: input.code,
      schools: input.schools,
      places: input.places,
    });
  });
  return boardDetail(context, input.code);
}

/** Changes a board's name, schools, group, clerk or places. */
export async function editBoard(context: Context, code: string, raw: BoardEdit): Promise<BoardDetail> {
  const input = BoardEdit.parse(raw);
  const board = await requireBoard(context, code);
  requireOnBoard(context, board, 'governance:manage');
  const { db } = context;
  const schools = input.schools ? await boardSchools(context, input.schools, board.id) : null;
  const group = input.group === undefined ? undefined : await groupId(db, input.group);
  await db.transaction().execute(async (trx) => {
    const fields = {
      ...(input.name ? { name: input.name } : {}),
      ...(input.clerk_name !== undefined ? { clerk_name: input.clerk_name } : {}),
      ...(input.clerk_email !== undefined ? { clerk_email: input.clerk_email } : {}),
      ...(group !== undefined ? { group_id: group } : {}),
    };
    if (Object.keys(fields).length)
      await trx.updateTable('governing_board').set(fields).where('id', '=', board.id).execute();
    if (schools) {
      await trx.deleteFrom('governing_board_school').where('board_id', '=', board.id).execute();
      await trx
        .insertInto('governing_board_school')
        .values(schools.map((school_unit_id) => ({ board_id: board.id, school_unit_id })))
        .execute();
    }
    if (input.places) await writePlaces(trx, board.id, input.places);
    await recordAudit(trx, context.actor, 'update', 'governing_board', { code, fields: Object.keys(input) });
  });
  return boardDetail(context, code);
}

/** Records the board's succession plan: whether one exists, when reviewed, the chair's and head's successors. */
export async function setSuccession(
  context: Context,
  code: string,
  raw: SuccessionInput,
): Promise<BoardDetail> {
  const input = SuccessionInput.parse(raw);
  const board = await requireBoard(context, code);
  requireOnBoard(context, board, 'governance:manage');
  const { db, today } = context;
  if (input.has_plan && !input.reviewed_on)
    throw new HeadwayError('invalid', 'reviewed_on: a plan needs the day it was agreed or last reviewed');
  if (input.reviewed_on && input.reviewed_on > today)
    throw new HeadwayError('invalid', `reviewed_on: ${input.reviewed_on} is after today (${today})`);
  if (input.chair_successor) {
    const member = (await boardMembers(context, board.id, false, input.chair_successor))[0];
    if (!member || member.status !== 'serving')
      throw new HeadwayError(
        'invalid',
        `chair_successor: ${input.chair_successor} is not a serving member of ${code}`,
      );
  }
  const headId = input.headship_successor
    ? (await personIdsByCode(db, [input.headship_successor])).get(input.headship_successor)
    : null;
  if (input.headship_successor && !headId)
    throw new HeadwayError(
      'invalid',
      `headship_successor: ${input.headship_successor} is not a person in the registry`,
    );
  const values = {
    has_plan: input.has_plan,
    reviewed_on: input.reviewed_on,
    chair_successor_id: input.chair_successor,
    headship_successor_person_id: headId ?? null,
    headship_successor: input.headship_successor_note,
    notes: input.notes,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('board_succession')
      .values({ board_id: board.id, ...values })
      .onConflict((oc) => oc.column('board_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, context.actor, 'update', 'board_succession', { board: code, ...input });
  });
  return boardDetail(context, code);
}

/** Names the board's members who sat on a headship round's panel (the round's count follows them). */
export async function setPanel(
  context: Context,
  code: string,
  roundId: number,
  raw: PanelInput,
): Promise<BoardDetail> {
  const input = PanelInput.parse(raw);
  const board = await requireBoard(context, code);
  requireOnBoard(context, board, 'governance:write');
  const { db } = context;
  const round = await db
    .selectFrom('vacancy_round as r')
    .innerJoin('vacancy as v', 'v.id', 'r.vacancy_id')
    .innerJoin('governing_board_school as bs', 'bs.school_unit_id', 'v.school_unit_id')
    .select(['r.id', 'bs.board_id', 'r.governors_on_panel'])
    .where('r.id', '=', roundId)
    .executeTakeFirst();
  if (!round || round.board_id !== board.id)
    throw notFound(`Round ${roundId} of a headship at ${code}'s schools`);
  const ids = [...new Set(input.governors)];
  const ours = ids.length
    ? await db
        .selectFrom('governor')
        .select('id')
        .where('board_id', '=', board.id)
        .where('id', 'in', ids)
        .execute()
    : [];
  const strangers = ids.filter((id) => !ours.some((g) => g.id === id));
  if (strangers.length)
    throw new HeadwayError('invalid', `governors: ${strangers.join(', ')} are not members of ${code}`);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('governor_panel').where('vacancy_round_id', '=', roundId).execute();
    if (ids.length)
      await trx
        .insertInto('governor_panel')
        .values(ids.map((governor_id) => ({ vacancy_round_id: roundId, governor_id })))
        .execute();
    // The register's own count never says fewer governors than are named.
    if (round.governors_on_panel < ids.length)
      await trx
        .updateTable('vacancy_round')
        .set({ governors_on_panel: ids.length })
        .where('id', '=', roundId)
        .execute();
    await recordAudit(trx, context.actor, 'update', 'governor_panel', {
      board: code,
      round: roundId,
      governors: ids,
    });
  });
  return boardDetail(context, code);
}
