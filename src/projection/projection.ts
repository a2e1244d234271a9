// The headteacher-shortage projection (the Sustainable Leadership Group's question): for the next years,
// by phase and area, the heads expected to leave, the supply the pipeline is expected to give, and the gap,
// in low, central and high scenarios. The arithmetic is engine.ts's; this reads the registry and the rates.
import { requirePermission, requireVisible, visibleUnits } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { Phase } from '../registry/contract.ts';
import type {
  LeavingHistory,
  Pipeline,
  PipelineKind,
  Projection,
  ProjectionGroup,
  ProjectionQuery,
  ProjectionRates,
  Scenario,
} from './contract.ts';
import { pipelineKinds } from './contract.ts';
import { projectYears } from './engine.ts';
import {
  leavingHistoryQuery,
  type PipelineCount,
  projectionHeadsQuery,
  projectionPipelineQuery,
} from './queries.ts';
import { projectionRates } from './rates.ts';

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

function minusYears(iso: string, years: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10);
}

/** The method in words, with the rates in force, as the page and the CLI print it. */
function methodWords(
  rates: ProjectionRates,
  used: ProjectionRates['leaving'],
  history: LeavingHistory,
  recentYears: number,
  inSeveral: number,
): string[] {
  const bands = used
    .map((b, i) => {
      const next = used[i + 1];
      const span = next ? `${b.from_years}–${next.from_years - 1} years` : `${b.from_years} years or more`;
      return `${span}: ${percent(b.rate)}`;
    })
    .join('; ');
  return [
    rates.method === 'history' && history.rate !== null
      ? `Heads leaving: the authority's own history, ${history.leavers} of ${history.head_years} head-years from ${history.from} to ${history.to} ended in a head leaving, ${percent(history.rate)} a year for every head.`
      : `Heads leaving: each substantive head in post leaves in a year at the rate for their years in the headship (the registry holds no ages, so years in post stands in for age): ${bands}.`,
    'Each head who leaves is replaced by a new head at 0 years, so the number of headships stays as it is; those who stay are a year longer in post.',
    `Supply: people who are not heads take up a headship here in a year at their group's rate: associate heads (an associate head placement agreed, or finished in the last ${recentYears} years) ${percent(rates.conversion.associate_head)}, NPQH holders ${percent(rates.conversion.npqh)}, deputy heads ${percent(rates.conversion.deputy_head)}, aspiring leaders (on a programme with a placement, or completed one in the last ${recentYears} years) ${percent(rates.conversion.aspiring)}, assistant heads ${percent(rates.conversion.assistant_head)}.`,
    `Someone in several groups (a deputy who holds the NPQH, say) counts once, in the group with the highest rate${inSeveral > 0 ? `: ${inSeveral} ${inSeveral === 1 ? 'person is' : 'people are'} in more than one` : ''}. The pipeline is taken to renew itself at its present size.`,
    'Gap: heads expected to leave less supply; above 0 means headships with no successor ready from the pipeline, to be filled from outside or left to interim cover.',
    `Scenarios: central uses the rates as set; low multiplies leaving rates by ${rates.low} and divides conversion rates by it; high multiplies leaving rates by ${rates.high} and divides conversion rates by it.`,
    'Figures are expected numbers (shares of people), rounded to one decimal.',
  ];
}

/** Areas and phases in order, people with no school post last. */
const byNullLast = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b);

const emptyPipeline = (): Pipeline => ({
  associate_head: 0,
  npqh: 0,
  deputy_head: 0,
  aspiring: 0,
  assistant_head: 0,
});

/** The group with the highest conversion rate of those a person belongs to (on a tie, the first listed). */
function groupOf(row: PipelineCount, conversion: ProjectionRates['conversion']): PipelineKind | null {
  const belongs: Record<PipelineKind, boolean> = {
    associate_head: row.associate_head,
    npqh: row.npqh,
    deputy_head: row.role === 'deputy_head',
    aspiring: row.aspiring,
    assistant_head: row.role === 'assistant_head',
  };
  let best: PipelineKind | null = null;
  for (const kind of pipelineKinds)
    if (belongs[kind] && (best === null || conversion[kind] > conversion[best])) best = kind;
  return best;
}

const groupsIn = (row: PipelineCount) =>
  [row.associate_head, row.npqh, row.aspiring, row.role !== null].filter(Boolean).length;

export async function shortageProjection(context: Context, query: ProjectionQuery): Promise<Projection> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:read');
  if (query.area) requireVisible(actor, query.area, `Area ${query.area}`);
  const asOf = query.as_of ?? context.today;
  const years = query.years === undefined ? 5 : Number(query.years);
  const units = visibleUnits(actor);
  const rates = await projectionRates(db);
  const recentYears = context.settings.outcomeYears ?? 3;
  const [heads, pipeline, past] = await Promise.all([
    projectionHeadsQuery(asOf, units).execute(db),
    projectionPipelineQuery(asOf, units, recentYears).execute(db),
    leavingHistoryQuery(asOf, units).execute(db),
  ]);
  const record = past.rows[0] ?? { head_years: 0, leavers: 0 };
  const history: LeavingHistory = {
    from: minusYears(asOf, 3),
    to: asOf,
    head_years: record.head_years,
    leavers: record.leavers,
    rate: record.head_years > 0 ? record.leavers / record.head_years : null,
  };
  const leaving =
    rates.method === 'history' && history.rate !== null
      ? [{ from_years: 0, rate: history.rate }]
      : rates.leaving;
  const used: ProjectionRates = { ...rates, leaving };
  const keep = (phase: Phase | null, area: string | null) =>
    (!query.area || area === query.area) && (!query.phase || phase === query.phase);

  interface Acc {
    phase: Phase | null;
    area: string | null;
    area_name: string | null;
    tenures: number[];
    pipeline: Pipeline;
  }
  const groups = new Map<string, Acc>();
  const group = (phase: Phase | null, area: string | null, area_name: string | null): Acc => {
    const key = `${phase ?? ''}|${area ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { phase, area, area_name, tenures: [], pipeline: emptyPipeline() };
      groups.set(key, g);
    }
    return g;
  };
  for (const h of heads.rows)
    if (keep(h.phase, h.area))
      group(h.phase, h.area, h.area_name).tenures.push(...Array<number>(h.heads).fill(h.years));
  let inSeveral = 0;
  for (const p of pipeline.rows) {
    const kind = groupOf(p, rates.conversion);
    if (kind === null || !keep(p.phase, p.area)) continue;
    group(p.phase, p.area, p.area_name).pipeline[kind] += p.people;
    if (groupsIn(p) > 1) inSeveral += p.people;
  }

  const all: Acc = { phase: null, area: null, area_name: null, tenures: [], pipeline: emptyPipeline() };
  for (const g of groups.values()) {
    all.tenures.push(...g.tenures);
    for (const k of pipelineKinds) all.pipeline[k] += g.pipeline[k];
  }
  const run = (g: Acc) => {
    const one = (s: Scenario) => projectYears(g.tenures, g.pipeline, used, s, years, asOf);
    return { low: one('low'), central: one('central'), high: one('high') };
  };
  const out: ProjectionGroup[] = [...groups.values()]
    .sort((a, b) => byNullLast(a.area, b.area) || byNullLast(a.phase, b.phase))
    .map((g) => ({
      phase: g.phase,
      area: g.area,
      area_name: g.area_name,
      heads: g.tenures.length,
      pipeline: g.pipeline,
      scenarios: run(g),
    }));
  return {
    as_of: asOf,
    years,
    rates,
    history,
    method: methodWords(rates, leaving, history, recentYears, inSeveral),
    heads: all.tenures.length,
    pipeline: all.pipeline,
    in_several: inSeveral,
    totals: run(all),
    groups: out,
  };
}
