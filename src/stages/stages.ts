// Each school's stage: today by the rules in force (with since when, from the recorded history), or at
// a recorded term's end; one school's with its history; and stagesOf, what the matching reads.
import { canSee, requirePermission, requireVisible, visibleUnits } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { parsePeriod } from '../kpi/periods.ts';
import type { SchoolStage, SchoolStageDetail, StageDefinition, StageList } from './contract.ts';
import { ensureRecorded } from './history.ts';
import { placedOn } from './placement.ts';
import { type RecordedRow, recordedStagesQuery } from './queries.ts';
import { endedTerms } from './terms.ts';

/** Ended terms recorded before today's stages are read, so "since" has a history to read. */
const TERMS_FOR_SINCE = 4;

/** The end of the first recorded term of each school's current run at its stage (null: not recorded). */
function sinceOf(history: RecordedRow[], current: Map<string, string>): Map<string, string | null> {
  const bySchool = new Map<string, RecordedRow[]>();
  for (const row of history) bySchool.set(row.school_code, [...(bySchool.get(row.school_code) ?? []), row]);
  const since = new Map<string, string | null>();
  for (const [school, stage] of current) {
    const rows = bySchool.get(school) ?? [];
    let from: string | null = null;
    for (let i = rows.length - 1; i >= 0 && rows[i]?.stage === stage; i--) from = rows[i]?.term_end ?? null;
    since.set(school, from);
  }
  return since;
}

const mayOffer = (stages: StageDefinition[], code: string) => {
  const stage = stages.find((s) => s.code === code);
  return { practice: stage?.may_offer_practice ?? false, placements: stage?.may_host_placements ?? false };
};

/** Today's stages (or on `on`) of the schools asked for, or of every school the caller sees. */
async function stagesToday(context: Context, on: string, schools?: string[]): Promise<SchoolStage[]> {
  const { db, settings, actor } = context;
  await ensureRecorded(context, endedTerms(on, TERMS_FOR_SINCE, settings.academicYearStart));
  const placed = await placedOn(db, settings, on);
  const wanted = schools ? new Set(schools) : null;
  const mine = placed.schools.filter((s) => (wanted ? wanted.has(s.code) : canSee(actor, s.code)));
  const { rows: history } = await recordedStagesQuery(null, {
    units: null,
    schools: mine.map((s) => s.code),
  }).execute(db);
  const before = history.filter((h) => h.term_end < on);
  const since = sinceOf(before, new Map(mine.map((s) => [s.code, s.stage])));
  const names = new Map(placed.rules.stages.map((s) => [s.code, s.name]));
  return mine.map((s) => ({
    school_code: s.code,
    school_name: s.name,
    area: s.area,
    area_name: s.area_name,
    stage: s.stage,
    stage_name: names.get(s.stage) ?? s.stage,
    rule: s.rule,
    reasons: s.reasons,
    since: since.get(s.code) ?? null,
    may_offer: mayOffer(placed.rules.stages, s.stage),
  }));
}

/**
 * What the matching reads: each school's stage on a date (default today) with its reasons, since when,
 * and what it may offer (its stage's flags). The schools named may be any in the authority (a match
 * reads every school's offer); without names, every school the caller sees.
 */
export async function stagesOf(
  context: Context,
  query: { schools?: string[]; on?: string },
): Promise<
  {
    school_code: string;
    stage: string;
    reasons: string[];
    since: string | null;
    may_offer: SchoolStage['may_offer'];
  }[]
> {
  requirePermission(context.actor, 'kpi:read');
  const found = await stagesToday(context, query.on ?? context.today, query.schools);
  return found.map(({ school_code, stage, reasons, since, may_offer }) => ({
    school_code,
    stage,
    reasons,
    since,
    may_offer,
  }));
}

/** `GET /stages`: the caller's schools at their stages today, or at a recorded term's end. */
export async function listStages(
  context: Context,
  query: { area?: string; stage?: string; term?: string; page: number; page_size: number },
): Promise<StageList> {
  const { db, actor, settings, today } = context;
  requirePermission(actor, 'kpi:read');
  if (query.area) requireVisible(actor, query.area, `Area ${query.area}`);
  const { rules } = await placedOn(db, settings, today);
  let schools: SchoolStage[];
  let asOf = today;
  if (query.term) {
    const term = parsePeriod(query.term, settings.academicYearStart);
    if (term.end >= today) throw notFound(`The recorded stages of ${term.id} (it ends on ${term.end})`);
    await ensureRecorded(context, [term]);
    asOf = term.end;
    const { rows } = await recordedStagesQuery(null, { units: visibleUnits(actor) }).execute(db);
    const upTo = rows.filter((r) => r.term_end <= term.end);
    const atTerm = upTo.filter((r) => r.term === term.id);
    if (atTerm.length === 0 && rows.length > 0) throw notFound(`The recorded stages of ${term.id}`);
    const since = sinceOf(upTo, new Map(atTerm.map((r) => [r.school_code, r.stage])));
    const names = new Map(rules.stages.map((s) => [s.code, s.name]));
    schools = atTerm.map((r) => ({
      school_code: r.school_code,
      school_name: r.school_name,
      area: r.area,
      area_name: r.area_name,
      stage: r.stage,
      stage_name: names.get(r.stage) ?? r.stage,
      rule: r.rule,
      reasons: r.reasons,
      since: since.get(r.school_code) ?? null,
      may_offer: mayOffer(rules.stages, r.stage),
    }));
  } else schools = await stagesToday(context, today);
  if (query.area) schools = schools.filter((s) => s.area === query.area);
  const order = new Map(rules.stages.map((s, i) => [s.code, i]));
  schools.sort(
    (a, b) =>
      (order.get(a.stage) ?? 99) - (order.get(b.stage) ?? 99) ||
      a.school_name.localeCompare(b.school_name) ||
      a.school_code.localeCompare(b.school_code),
  );
  const counts = rules.stages.map((s) => ({
    code: s.code,
    name: s.name,
    schools: schools.filter((x) => x.stage === s.code).length,
  }));
  const filtered = query.stage ? schools.filter((s) => s.stage === query.stage) : schools;
  const start = (query.page - 1) * query.page_size;
  return {
    term: query.term ?? null,
    as_of: asOf,
    counts,
    total: filtered.length,
    page: query.page,
    page_size: query.page_size,
    schools: filtered.slice(start, start + query.page_size),
  };
}

/** `GET /stages/schools/{code}`: the school's stage today and at each recorded term's end. */
export async function schoolStage(context: Context, code: string): Promise<SchoolStageDetail> {
  const { db, actor, today } = context;
  requirePermission(actor, 'kpi:read');
  requireVisible(actor, code, `School ${code}`);
  const [current] = await stagesToday(context, today, [code]);
  if (!current) throw notFound(`School ${code}`);
  const { rows } = await recordedStagesQuery(null, { units: null, schools: [code] }).execute(db);
  const { rules } = await placedOn(db, context.settings, today);
  const names = new Map(rules.stages.map((s) => [s.code, s.name]));
  return {
    current,
    history: rows.map((r, i) => ({
      term: r.term,
      term_end: r.term_end,
      stage: r.stage,
      stage_name: names.get(r.stage) ?? r.stage,
      reasons: r.reasons,
      changed: i > 0 && rows[i - 1]?.stage !== r.stage,
      recorded_on: r.recorded_on,
    })),
  };
}
