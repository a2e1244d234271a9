// The demo's leadership programmes: teaching staff at every school (so growing your own has a base) and,
// over the last three years, teachers who became assistant or deputy heads there or elsewhere; NPQH
// host and associate head designations for some heads of schools whose leadership is good or better
// (when none are recorded yet); and cohorts of the programmes over five years and this one, with
// completions and withdrawals, outcomes that follow from posts (the heads appointed in the last years
// came through an NPQH cohort as deputies; some aspiring leaders became assistant heads), finished
// placements for last year's candidates and this year's candidates waiting for a proposal.
// One transaction, audited as one event; generated once (a second load leaves it alone).
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit, withoutRowAudit } from '../auth/audit.ts';
import type { Db } from '../db/types.ts';
import type { Random } from '../random.ts';
import { personName } from './names.ts';
import { addDays } from './registry.ts';

interface SchoolRow {
  id: number;
  phase: string;
  leadership: string | null;
}
interface PostRow {
  person_id: number;
  school_id: number;
  role: string;
  starts_on: string;
  ends_on: string | null;
}

const academicStart = (year: number) => `${year}-09-01`;

export async function loadDemoProgrammes(db: Db, actor: Actor, random: Random, referenceDate: string) {
  if (await db.selectFrom('programme_cohort').select('id').limit(1).executeTakeFirst()) return;
  const year = Number(referenceDate.slice(0, 4));
  await db.transaction().execute(async (trx) => {
    await withoutRowAudit(trx);
    const { rows: schools } = await sql<SchoolRow>`
      select s.org_unit_id as id, s.phase,
        (select coalesce(i.leadership, i.overall) from inspection i where i.school_id = s.org_unit_id
          order by i.inspected_on desc limit 1) as leadership
      from school s order by s.org_unit_id`.execute(trx);
    // Teachers: 6-14 at a primary, 20-45 elsewhere, each since some September in the last fifteen years.
    const counts = schools.map((school) =>
      school.phase === 'primary' ? random.int(6, 14) : random.int(20, 45),
    );
    const names = counts.flatMap((count) => Array.from({ length: count }, () => personName(random)));
    const ids: number[] = [];
    for (let i = 0; i < names.length; i += 2000) {
      const rows = names.slice(i, i + 2000).map(({ given, family }, k) => ({
        code: `PG${String(i + k + 1).padStart(6, '0')}`,
        given_name: given,
        family_name: family,
      }));
      ids.push(...(await trx.insertInto('person').values(rows).returning('id').execute()).map((r) => r.id));
    }
    const posts: PostRow[] = [];
    const teachersAt = new Map<number, { person: number; since: string }[]>();
    let next = 0;
    schools.forEach((school, s) => {
      const mine = ids.slice(next, next + (counts[s] as number));
      next += counts[s] as number;
      teachersAt.set(
        school.id,
        mine.map((person) => ({ person, since: academicStart(year - random.int(1, 15)) })),
      );
    });
    // Growing your own: how much a school grows its own varies (a latent propensity), and many grow none.
    const grownPosts: PostRow[] = [];
    const teacherPosts: PostRow[] = [];
    const grownPeople: number[] = [];
    for (const school of schools) {
      const propensity = Math.max(0, random.normal(0.6, 0.9));
      const staff = teachersAt.get(school.id) ?? [];
      const moves = Math.min(
        staff.length - 1,
        Math.floor(propensity * (school.phase === 'primary' ? 1.5 : 3)),
      );
      const movers = new Set(random.shuffle(staff).slice(0, Math.max(0, moves)));
      for (const t of staff) {
        if (!movers.has(t)) {
          teacherPosts.push({
            person_id: t.person,
            school_id: school.id,
            role: 'teacher',
            starts_on: t.since,
            ends_on: null,
          });
          continue;
        }
        const moved = addDays(referenceDate, -random.int(30, 3 * 365 - 30));
        const since = t.since < moved ? t.since : academicStart(Number(moved.slice(0, 4)) - 3);
        teacherPosts.push({
          person_id: t.person,
          school_id: school.id,
          role: 'teacher',
          starts_on: since,
          ends_on: addDays(moved, -1),
        });
        const elsewhere = random.chance(0.3) ? random.pick(schools).id : school.id;
        grownPosts.push({
          person_id: t.person,
          school_id: elsewhere,
          role: random.chance(0.75) ? 'assistant_headteacher' : 'deputy_headteacher',
          starts_on: moved,
          ends_on: null,
        });
        grownPeople.push(t.person);
      }
    }
    posts.push(...teacherPosts, ...grownPosts);

    // Heads appointed in the last four years came up as deputies through an NPQH cohort.
    const { rows: heads } = await sql<{ person_id: number; school_id: number; starts_on: string }>`
      select person_id, org_unit_id as school_id, starts_on from post
      where role = 'headteacher' and starts_on > ${academicStart(year - 4)}
        and not exists (select 1 from post e where e.person_id = post.person_id and e.starts_on < post.starts_on)
      order by id`.execute(trx);
    // Three in five of them did NPQH, in a cohort starting one to three years before their headship.
    const npqhYear = new Map<number, number>();
    const formerDeputies = heads.map((h) => {
      if (random.chance(0.6)) npqhYear.set(h.person_id, Number(h.starts_on.slice(0, 4)) - random.int(1, 3));
      const school = random.pick(schools.filter((s) => s.id !== h.school_id)).id;
      posts.push({
        person_id: h.person_id,
        school_id: school,
        role: 'deputy_headteacher',
        starts_on: academicStart(Number(h.starts_on.slice(0, 4)) - random.int(3, 7)),
        ends_on: addDays(h.starts_on, -1),
      });
      return { person: h.person_id, school, head_from: h.starts_on };
    });
    for (let i = 0; i < posts.length; i += 2000)
      await trx
        .insertInto('post')
        .values(
          posts.slice(i, i + 2000).map(({ school_id, role, ...p }) => ({
            ...p,
            org_unit_id: school_id,
            role: role as 'teacher',
            fte: 1,
          })),
        )
        .execute();

    // Hosts: some heads of schools whose leadership is good or outstanding, unless hosts are recorded already.
    const hosted = await trx
      .selectFrom('designation')
      .select('id')
      .where('kind', 'in', ['npqh_host', 'associate_head'])
      .limit(1)
      .executeTakeFirst();
    const { rows: strongHeads } = await sql<{ person_id: number; school_id: number }>`
      select po.person_id, po.org_unit_id as school_id from post po
      where po.role = 'headteacher' and po.starts_on <= ${referenceDate} and po.ends_on is null
        and po.org_unit_id = any(${schools.filter((s) => s.leadership === 'good' || s.leadership === 'outstanding').map((s) => s.id)}::int[])
      order by po.person_id`.execute(trx);
    // Every third an associate head (10 days, one at a time), the rest NPQH hosts (10 to 20 days).
    const hosts = random
      .shuffle(strongHeads)
      .slice(0, Math.max(4, Math.round(schools.length / 9)))
      .map((h, i) => ({
        ...h,
        kind: i % 3 === 2 ? ('associate_head' as const) : ('npqh_host' as const),
        days: i % 3 === 2 ? 10 : random.pick([10, 15, 20]),
        used: 0,
      }));
    if (!hosted)
      await trx
        .insertInto('designation')
        .values(
          hosts.map((h) => ({
            person_id: h.person_id,
            kind: h.kind,
            starts_on: addDays(referenceDate, -random.int(200, 1500)),
            ends_on: null,
            days_per_year: h.days,
            accredited_on: null,
          })),
        )
        .execute();

    // Cohorts of NPQH and aspiring leaders every year, new heads' induction and good to outstanding some years.
    const programmes = new Map(
      (await trx.selectFrom('programme').select(['id', 'code']).execute()).map((p) => [p.code, p.id]),
    );
    const { rows: allPosts } = await sql<PostRow & { person_id: number }>`
      select person_id, org_unit_id as school_id, role, starts_on, ends_on from post
      where org_unit_id = any(${schools.map((s) => s.id)}::int[])`.execute(trx);
    const postOn = (person: number, on: string) =>
      allPosts.find(
        (p) => p.person_id === person && p.starts_on <= on && (p.ends_on === null || p.ends_on >= on),
      );
    const byRoleOn = (roles: string[], on: string) =>
      allPosts.filter(
        (p) => roles.includes(p.role) && p.starts_on <= on && (p.ends_on === null || p.ends_on >= on),
      );
    const taken = new Set<string>();
    let participants = 0;
    let placements = 0;
    // Last year's placements: a host of the right kind, never the candidate's own school, within its days.
    const hostFor = (school: number, kind: 'npqh_host' | 'associate_head', days: number) => {
      const host = random.shuffle(
        hosts.filter((h) => h.kind === kind && h.school_id !== school && h.used + days <= h.days),
      )[0];
      if (host) host.used += days;
      return host;
    };
    // Six years of NPQH and aspiring leaders: the older cohorts' three years after completing are over.
    for (let back = 5; back >= 0; back--) {
      const starts = academicStart(year - back);
      const ends = `${year - back + 1}-07-15`;
      const finished = back > 0;
      const plan: [string, string, string, () => number[]][] = [
        [
          'npqh',
          `NPQH-${year - back}`,
          `NPQH ${year - back}-${String(year - back + 1).slice(2)}`,
          () => {
            // Those who became heads after this cohort, as deputies, and other deputies and assistant heads.
            const alumni = formerDeputies
              .filter((d) => npqhYear.get(d.person) === year - back)
              .map((d) => d.person);
            const others = random
              .shuffle(byRoleOn(['deputy_headteacher', 'assistant_headteacher'], starts))
              .slice(0, random.int(8, 14))
              .map((p) => p.person_id);
            return [...alumni, ...others];
          },
        ],
        [
          'aspiring_leaders',
          `AL-${year - back}`,
          `Aspiring leaders ${year - back}-${String(year - back + 1).slice(2)}`,
          () => {
            // Teachers who later became assistant or deputy heads, and others who did not (yet).
            const grown = finished
              ? grownPosts
                  .filter((g) => g.starts_on > ends && g.starts_on <= addDays(ends, 700))
                  .map((g) => g.person_id)
              : [];
            const others = random
              .shuffle(byRoleOn(['teacher'], starts))
              .slice(0, random.int(12, 20))
              .map((p) => p.person_id);
            return [...grown.slice(0, 8), ...others];
          },
        ],
      ];
      if (back <= 2)
        plan.push([
          'new_heads_induction',
          `NHI-${year - back}`,
          `New heads ${year - back}-${String(year - back + 1).slice(2)}`,
          () =>
            heads
              .filter((h) => h.starts_on >= addDays(starts, -365) && h.starts_on <= starts)
              .map((h) => h.person_id),
        ]);
      if (back === 1 || back === 3)
        plan.push([
          'good_to_outstanding',
          `G2O-${year - back}`,
          `Good to outstanding ${year - back}-${String(year - back + 1).slice(2)}`,
          () =>
            random
              .shuffle(byRoleOn(['headteacher'], starts))
              .slice(0, random.int(6, 10))
              .map((p) => p.person_id),
        ]);
      for (const [programme, code, name, people] of plan) {
        const { id: cohort } = await trx
          .insertInto('programme_cohort')
          .values({
            code,
            programme_id: programmes.get(programme) as number,
            name,
            provider: programme === 'npqh' ? 'Northmoor Teaching School Hub' : 'Northmoor Leadership Centre',
            starts_on: starts,
            ends_on: ends,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const person of people()) {
          if (taken.has(`${programme} ${person}`)) continue;
          taken.add(`${programme} ${person}`);
          const entry = postOn(person, starts);
          const promoted = npqhYear.has(person) || grownPeople.includes(person);
          // Past cohorts: most complete; one in twelve withdraws (never one whose later post shows they went on).
          const status = !finished
            ? 'enrolled'
            : !promoted && random.chance(1 / 12)
              ? 'withdrawn'
              : 'completed';
          const placementDays = programme === 'npqh' ? random.pick([5, 10, 10, 15, 20]) : null;
          const { id } = await trx
            .insertInto('programme_participant')
            .values({
              cohort_id: cohort,
              person_id: person,
              school_id: entry?.school_id ?? null,
              post_role: entry?.role ?? null,
              status,
              completed_on: status === 'completed' ? ends : null,
              placement_days: placementDays,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          participants += 1;
          // Last year's NPQH and aspiring leaders had their placements; this year's wait for a proposal.
          const placed =
            back === 1 &&
            status === 'completed' &&
            entry &&
            (programme === 'npqh' || programme === 'aspiring_leaders') &&
            random.chance(0.6);
          const host = placed
            ? hostFor(
                entry.school_id,
                programme === 'npqh' ? 'npqh_host' : 'associate_head',
                placementDays ?? 10,
              )
            : undefined;
          if (host) {
            await trx
              .insertInto('placement')
              .values({
                participant_id: id,
                host_person_id: host.person_id,
                host_school_id: host.school_id,
                kind: programme === 'npqh' ? 'npqh_internship' : 'leadership_placement',
                days: placementDays ?? 10,
                status: 'finished',
                fit: null,
                reasons: ['Agreed in the demo'],
                agreed_by: actor.name,
                agreed_on: addDays(starts, 40),
              })
              .execute();
            placements += 1;
          }
        }
      }
    }
    await recordAudit(trx, actor, 'import', 'demo-programmes', {
      teachers: teacherPosts.length,
      grown: grownPosts.length,
      hosts: hosted ? 0 : hosts.length,
      participants,
      placements,
    });
  });
}
