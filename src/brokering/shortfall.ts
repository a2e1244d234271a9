// The shortfall of a proposal: the needs it left unmet, each with why, grouped by kind, area and reason
// with the days that would meet them. The proposal keeps which needs went unmet and the match's words;
// the reason is worked out again from the pool's eligibility rules with capacity set aside: a need some
// leader could meet but for their days or school places went unmet because the pool ran out.
import { sql } from 'kysely';
import { canSee, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import type { BrokeringSettings } from './contract.ts';
import { ineligibility, type OpenNeed } from './eligibility.ts';
import type { Leader } from './leaders.ts';
import { listNeeds } from './needs.ts';
import { matchInputs, proposalById } from './proposals.ts';
import {
  type Shortfall,
  type ShortfallGroup,
  type ShortfallNeed,
  type ShortfallQuery,
  type ShortfallReason,
  shortfallReasons,
} from './shortfall-contract.ts';

/** The latest proposal the caller may see (for one area, if named). */
async function latestProposal(context: Context, area: string | undefined): Promise<number> {
  const { db, actor } = context;
  if (area && !canSee(actor, area)) throw notFound(`Area ${area}`);
  const rows = await db
    .selectFrom('brokering_proposal as p')
    .innerJoin('org_unit as o', 'o.id', 'p.org_unit_id')
    .select(['p.id', 'o.code'])
    .$if(area !== undefined, (q) => q.where('o.code', '=', area as string))
    .orderBy('p.id', 'desc')
    .execute();
  const latest = rows.find((r) => canSee(actor, r.code));
  if (!latest) throw notFound(area ? `A proposal for ${area}` : 'A proposal');
  return latest.id;
}

/** Which leaders could meet the need if days and school places were no limit. */
function couldMeet(leaders: Leader[], need: OpenNeed, settings: BrokeringSettings): Leader[] {
  const unlimited = { ...settings, max_schools: Number.MAX_SAFE_INTEGER };
  return leaders.filter(
    (l) =>
      ineligibility(
        {
          ...l,
          funded: Number.POSITIVE_INFINITY,
          committed: 0,
          schools: l.schools.filter((s) => s === need.school.code),
        },
        need,
        unlimited,
      ).length === 0,
  );
}

const add = <K>(totals: Map<K, { needs: number; days: number }>, key: K, days: number) => {
  const t = totals.get(key) ?? { needs: 0, days: 0 };
  totals.set(key, { needs: t.needs + 1, days: t.days + days });
};

export async function proposalShortfall(context: Context, query: ShortfallQuery): Promise<Shortfall> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:read');
  const proposal = await proposalById(context, query.proposal ?? (await latestProposal(context, query.area)));
  const ids = proposal.unmet.map((u) => u.need);
  const needs = new Map((await listNeeds(context)).map((n) => [n.id, n]));
  const inputs = await matchInputs(context, context.today, { refresh: false });
  const facts = new Map(inputs.facts.map((f) => [f.code, f]));
  const { rows: rejections } = await sql<{ need_id: number; person_id: number }>`
    select need_id, person_id from broker_rejection where need_id = any(${ids}::int[])`.execute(db);
  const unmet = proposal.unmet.flatMap((u): ShortfallNeed[] => {
    const need = needs.get(u.need);
    const school = facts.get(u.school);
    if (!need) return [];
    const designated = inputs.leaders.filter((l) => l.roles.includes(need.kind));
    const could = school
      ? couldMeet(
          designated,
          {
            id: need.id,
            kind: need.kind,
            indicator: need.indicator,
            specialism: need.specialism
              ? { code: need.specialism, name: need.specialism_name ?? need.specialism }
              : null,
            days: need.days,
            evidence: need.evidence,
            school,
            rejected: new Set(rejections.filter((r) => r.need_id === need.id).map((r) => r.person_id)),
          },
          inputs.settings,
        )
      : [];
    const reason: ShortfallReason =
      designated.length === 0 ? 'no_eligible_leader' : could.length > 0 ? 'no_days_left' : 'excluded';
    return [
      {
        need: need.id,
        school: need.school,
        school_name: need.school_name,
        area: need.area,
        kind: need.kind,
        days: need.days,
        reason,
        leaders: could.length,
        why: u.why,
        status: need.status,
      },
    ];
  });
  const byReason = new Map<ShortfallReason, { needs: number; days: number }>();
  const byGroup = new Map<string, { needs: number; days: number }>();
  for (const n of unmet) {
    add(byReason, n.reason, n.days);
    add(byGroup, JSON.stringify([n.kind, n.area, n.reason]), n.days);
  }
  const groups = [...byGroup].map(([key, totals]): ShortfallGroup => {
    const [kind, area, reason] = JSON.parse(key) as [ShortfallGroup['kind'], string | null, ShortfallReason];
    return { kind, area, reason, ...totals };
  });
  // Most days first: where more days would meet the most.
  groups.sort(
    (a, b) =>
      b.days - a.days ||
      a.kind.localeCompare(b.kind) ||
      (a.area ?? '').localeCompare(b.area ?? '') ||
      a.reason.localeCompare(b.reason),
  );
  return {
    proposal: proposal.id,
    unit: proposal.unit,
    created_at: proposal.created_at,
    matched: proposal.pairs.length,
    needs: unmet.length,
    days: unmet.reduce((sum, n) => sum + n.days, 0),
    by_reason: shortfallReasons.map((reason) => ({
      reason,
      ...(byReason.get(reason) ?? { needs: 0, days: 0 }),
    })),
    groups,
    unmet: unmet.sort(
      (a, b) =>
        shortfallReasons.indexOf(a.reason) - shortfallReasons.indexOf(b.reason) ||
        a.school_name.localeCompare(b.school_name) ||
        a.need - b.need,
    ),
  };
}
