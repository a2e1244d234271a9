// The pool of system leaders on a date: people with designations, and heads of schools with a strength
// in some practice area, who host practice sharing; each with the roles they may take, their school, days funded and committed.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { DesignationKind } from '../registry/schema.ts';
import { personName } from '../registry/sql.ts';
import type { BrokeringSettings, NeedKind } from './contract.ts';
import type { LeaderRole } from './role-contract.ts';
import { roleCatalogue } from './roles.ts';
import type { SchoolFacts } from './school-facts.ts';

export interface Leader {
  id: number;
  code: string;
  name: string;
  designations: DesignationKind[];
  roles: NeedKind[];
  /** The catalogue's definition of each role they hold that meets a need: the rules eligibility checks. */
  held: LeaderRole[];
  /** The roles whose required accreditation is recorded on their designation. */
  accredited: DesignationKind[];
  /** The specialisms each designation lists, by its kind: a need asking for one is met only in such a role. */
  specialisms: Partial<Record<DesignationKind, string[]>>;
  /** A head with no designation who may host practice sharing in what their school is strong at. */
  host: boolean;
  funded: number;
  committed: number;
  /** Schools supported now. */
  schools: string[];
  /** Each active deployment's school and kind: what counts against each role's limit. */
  supporting: { school: string; kind: NeedKind }[];
  /** The school they lead as a substantive head, if any. */
  school: SchoolFacts | null;
  /** For one who leads no school: the school they work at (a deputy's), whose practice they share. */
  workplace: SchoolFacts | null;
  headship_years: number;
  /** Finished deployments, and how many of them moved the school more than similar schools moved. */
  track: { finished: number; improved: number };
}

interface PersonRow {
  id: number;
  code: string;
  name: string;
  designations:
    | {
        kind: DesignationKind;
        days: number | null;
        accredited_on: string | null;
        specialisms: string[];
      }[]
    | null;
  works_at: string | null;
}

interface Commitment {
  person_id: number;
  committed: number;
  schools: string[] | null;
  supporting: { school: string; kind: NeedKind }[];
}

/** Who is designated on the date, and the heads named (practice-sharing hosts), with their designations. */
export function poolPeopleQuery(hostCodes: string[], asOf: string) {
  return sql<PersonRow>`
    select p.id, p.code, ${personName('p')} as name,
      (select json_agg(json_build_object('kind', d.kind, 'days', d.days_per_year, 'accredited_on', d.accredited_on,
          'specialisms', d.specialisms) order by d.kind)
       from designation d where d.person_id = p.id and d.starts_on <= ${asOf}
         and (d.ends_on is null or d.ends_on >= ${asOf})) as designations,
      -- a specialist's designation names their school; else the school of their deputy's or teacher's post
      coalesce(
        (select o.code from designation d join org_unit o on o.id = d.school_id where d.person_id = p.id
           and d.starts_on <= ${asOf} and (d.ends_on is null or d.ends_on >= ${asOf})
           order by d.starts_on desc, d.id desc limit 1),
        (select o.code from post po join org_unit o on o.id = po.org_unit_id where po.person_id = p.id
           and po.role in ('deputy_headteacher', 'assistant_headteacher', 'teacher') and po.starts_on <= ${asOf}
           and (po.ends_on is null or po.ends_on >= ${asOf}) order by po.starts_on desc limit 1)) as works_at
    from person p
    where p.code = any(${hostCodes}::text[]) or exists (
      select 1 from designation d where d.person_id = p.id and d.starts_on <= ${asOf}
        and (d.ends_on is null or d.ends_on >= ${asOf}))
    order by p.code`;
}

/** Each leader's active deployments: the days agreed and the schools supported. */
export function commitmentsQuery() {
  return sql<Commitment>`
    select d.person_id, sum(d.days_agreed)::float8 as committed,
      array_agg(distinct o.code order by o.code) as schools,
      json_agg(json_build_object('school', o.code, 'kind', d.role) order by o.code, d.role) as supporting
    from deployment d join support_need n on n.id = d.need_id join org_unit o on o.id = n.school_id
    where d.status = 'active' group by d.person_id`;
}

/** Everyone who may give support on the date, with the facts of the school each leads. */
export async function leaderPool(
  db: Db,
  facts: SchoolFacts[],
  settings: BrokeringSettings,
  asOf: string,
  track: Map<number, { finished: number; improved: number }> = new Map(),
): Promise<Leader[]> {
  // Serving heads are found through their schools' headship, which already knows who leads each school.
  const headOf = new Map<string, SchoolFacts>();
  for (const school of facts) {
    const head = school.headship.head;
    if (head) headOf.set(head.person_code, school);
  }
  const hostCodes = [...headOf].filter(([, school]) => isHost(school)).map(([code]) => code);
  const { rows: people } = await poolPeopleQuery(hostCodes, asOf).execute(db);
  const { rows: commitments } = await commitmentsQuery().execute(db);
  const catalogue = new Map((await roleCatalogue(db)).map((r) => [r.code, r]));
  const committedBy = new Map(commitments.map((c) => [c.person_id, c]));
  const byCode = new Map(facts.map((f) => [f.code, f]));
  const headYears = new Map(
    facts.flatMap((s) =>
      s.headship.head ? [[s.headship.head.person_code, s.headship.head.headship_years]] : [],
    ),
  );
  return people.flatMap((p) => {
    // A qualification (an NPQH) and a kind the catalogue no longer has meet no need.
    // A deputy's associate-head designation is their request for a placement (a need), not a role.
    const designations = (p.designations ?? []).filter(
      (d) =>
        (catalogue.get(d.kind)?.meets.length ?? 0) > 0 &&
        !(d.kind === 'associate_head' && !headOf.has(p.code)),
    );
    const held = designations.map((d) => catalogue.get(d.kind) as LeaderRole);
    const school = headOf.get(p.code) ?? null;
    // A head of a school with a strength hosts practice sharing, designated or not.
    const roles = new Set(held.flatMap((r) => r.meets));
    if (school && isHost(school)) roles.add('practice');
    if (roles.size === 0) return [];
    const host = designations.length === 0;
    // A designation recorded without its own days has its role's funded days.
    const funded = host
      ? settings.default_days_per_year
      : designations.reduce((sum, d, i) => sum + (d.days ?? held[i]?.funded_days ?? 0), 0);
    const commitment = committedBy.get(p.id);
    return [
      {
        id: p.id,
        code: p.code,
        name: p.name,
        designations: designations.map((d) => d.kind),
        roles: [...roles],
        held,
        accredited: designations.filter((d) => d.accredited_on !== null).map((d) => d.kind),
        specialisms: Object.fromEntries(
          designations.filter((d) => d.specialisms.length > 0).map((d) => [d.kind, d.specialisms]),
        ),
        host,
        funded,
        committed: commitment?.committed ?? 0,
        schools: commitment?.schools ?? [],
        supporting: commitment?.supporting ?? [],
        school,
        workplace: school ? null : (byCode.get(p.works_at ?? '') ?? null),
        headship_years: headYears.get(p.code) ?? 0,
        track: track.get(p.id) ?? { finished: 0, improved: 0 },
      },
    ];
  });
}

/**
 * A school whose head may host practice sharing: one with a strength in some practice area, whatever its
 * overall grade (a school in a category may still lead in attendance). Which needs it may meet is the
 * need's practice area against its strengths (eligibility.ts).
 */
function isHost(school: SchoolFacts): boolean {
  return school.strengths.length > 0 && (school.stage?.may_offer_practice ?? true);
}
