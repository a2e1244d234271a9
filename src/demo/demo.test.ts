import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { actorForUser } from '../auth/scope.ts';
import { contextFor, defaultSettings } from '../context.ts';
import { freshDatabase } from '../db/testing.ts';
import { indicatorAnalytics } from '../kpi/analytics.ts';
import { listChallenges } from '../meetings/challenges.ts';
import { listMeetings } from '../meetings/meetings.ts';
import { recurringProblems } from '../meetings/recurring.ts';
import { seededRandom } from '../random.ts';
import { findSchools, listOrgUnits } from '../registry/directory.ts';
import { headshipOf } from '../registry/headship.ts';
import { headPostsFor } from '../registry/queries.ts';
import { listCycles } from '../strategies/cycle.ts';
import { planChanges } from '../strategies/history.ts';
import { listStrategies, strategyDetail } from '../strategies/plan.ts';
import { fitCohort, listCohorts } from '../value-added/value-added.ts';
import { demoReferenceDate, loadDemo, unfinishedDemoLoad } from './load.ts';
import { addDays, generateRegistry } from './registry.ts';

const referenceDate = '2026-09-01';
const full = () => generateRegistry(seededRandom(1), { primarySchools: 1017, referenceDate });

describe('the demo generator', () => {
  test('the same seed gives the same authority; another seed another', () => {
    expect(JSON.stringify(full())).toBe(JSON.stringify(full()));
    const other = generateRegistry(seededRandom(2), { primarySchools: 1017, referenceDate });
    expect(other.schools.map((s) => s.name)).not.toEqual(full().schools.map((s) => s.name));
  });

  test('has the shape of the authority in PRODUCT.md', () => {
    const demo = full();
    const count = <T>(rows: T[], keep: (row: T) => boolean) => rows.filter(keep).length;
    expect(count(demo.orgUnits, (u) => u.level === 'authority')).toBe(1);
    expect(count(demo.orgUnits, (u) => u.level === 'area')).toBe(20);
    expect(count(demo.schools, (s) => s.phase === 'primary')).toBe(1017);
    expect(count(demo.schools, (s) => s.phase === 'secondary')).toBe(100);
    expect(count(demo.schools, (s) => s.phase === 'special')).toBe(25);
    const areaCodes = new Set(demo.orgUnits.filter((u) => u.level === 'area').map((u) => u.code));
    expect(demo.schools.every((s) => areaCodes.has(s.area_code as string))).toBe(true);
    expect(new Set(demo.schools.map((s) => s.name)).size).toBe(demo.schools.length);
    expect(
      new Set(demo.schools.filter((s) => s.trust_code).map((s) => s.trust_code)).size,
    ).toBeGreaterThanOrEqual(35);
    // Every area has its own area lead.
    const leads = demo.posts.filter((p) => p.role === 'area_lead').map((p) => p.org_unit_code);
    expect(new Set(leads)).toEqual(areaCodes);
    // About 150 system leaders: designations other than NPQH.
    const leaders = new Set(demo.designations.filter((d) => d.kind !== 'npqh').map((d) => d.person_code));
    expect(leaders.size).toBeGreaterThanOrEqual(130);
    expect(leaders.size).toBeLessThanOrEqual(170);
  });

  test('a smaller demo scales down and keeps every area supplied', () => {
    const small = generateRegistry(seededRandom(7), { primarySchools: 40, referenceDate });
    expect(small.orgUnits.filter((u) => u.level === 'area')).toHaveLength(4);
    expect(small.schools.filter((s) => s.phase === 'primary')).toHaveLength(40);
  });

  test('the demo date moves once a year, on 1 September', () => {
    expect(demoReferenceDate('2026-11-23')).toBe('2026-09-01');
    expect(demoReferenceDate('2027-08-31')).toBe('2026-09-01');
    expect(demoReferenceDate('2027-09-01')).toBe('2027-09-01');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });
});

describe('the demo loaded into Headway', () => {
  test('goes through the importers and gives realistic headship: mostly filled, some new heads, some cover and vacancies', async () => {
    const { db, close } = await freshDatabase();
    try {
      const actor = operator('test');
      const reports = await loadDemo(db, actor, { seed: 1, primarySchools: 1017, referenceDate });
      expect(reports.map((r) => [r.kind, r.inserted === r.rows])).toEqual([
        ['org-units', true],
        ['schools', true],
        ['people', true],
        ['posts', true],
        ['designations', true],
        ['data-values', true],
        ['targets', true],
        ['pupil-results', true],
        ['inspections', true],
      ]);
      const asOf = '2026-11-23';
      const areas = await listOrgUnits(contextFor(db, actor), { level: 'area', asOf });
      expect(areas).toHaveLength(20);
      const open = areas.reduce((sum, a) => sum + a.schools, 0);
      expect(open).toBeGreaterThan(1100);
      expect(open).toBeLessThanOrEqual(1142);

      const ids = (await db.selectFrom('school').select('org_unit_id').execute()).map((s) => s.org_unit_id);
      const { schoolPosts, careerPosts } = await headPostsFor(db, ids);
      const { schools } = await findSchools(contextFor(db, actor), {
        page: 1,
        pageSize: 2000,
        asOf,
        includeClosed: false,
      });
      const status = { filled: 0, covered: 0, vacant: 0 };
      let firstYear = 0;
      for (const school of schools) {
        const h = headshipOf(
          schoolPosts.filter((p) => p.school_code === school.code),
          careerPosts,
          asOf,
        );
        status[h.status]++;
        if (h.head?.first_year_of_headship) firstYear++;
      }
      expect(status.filled / schools.length).toBeGreaterThan(0.9);
      expect(status.covered).toBeGreaterThan(10);
      expect(status.vacant).toBeGreaterThan(0);
      expect(firstYear).toBeGreaterThan(30);

      // Three academic years and two months of monthly data, about 3% of school-months missing.
      const { rows: months } = await sql<{ school_months: number; first: string; last: string }>`
        select count(distinct (org_unit_id, month)) as school_months, min(month) as first, max(month) as last from data_value`.execute(
        db,
      );
      expect(months[0]).toMatchObject({ first: '2023-09-01', last: '2026-10-01' });
      const schoolCount = (
        await db.selectFrom('school').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
      ).n;
      const coverage = (months[0]?.school_months as number) / (schoolCount * 38);
      expect(coverage).toBeGreaterThan(0.94);
      expect(coverage).toBeLessThan(0.98);
      // The catalogue finds schools improving and declining, and the authority is near its target.
      const settings = defaultSettings;
      const kpiContext = contextFor(db, actor, { settings, today: referenceDate });
      const bySchool = await indicatorAnalytics(kpiContext, {
        indicator: 'attendance_rate',
        period: '2026-10',
        level: 'school',
      });
      const directions = new Set(bySchool.map((r) => r.trend.direction));
      expect(directions).toEqual(new Set(['improving', 'stable', 'declining', 'insufficient data']));
      const [authority] = await indicatorAnalytics(kpiContext, {
        indicator: 'attendance_rate',
        period: '2026-10',
        level: 'authority',
      });
      expect(authority?.value).toBeGreaterThan(92);
      expect(authority?.value).toBeLessThan(97);
      expect(authority?.target).toBe(95);

      // Pupil results: KS4 for every open secondary and KS2 for every open primary, in two years; the
      // KS4 model finds the generating parameters (prior slope 9 per sd of 6 points; residual sd 11).
      const cohorts = await listCohorts(contextFor(db, actor));
      expect(cohorts.map((c) => `${c.stage} ${c.academicYear}`)).toEqual([
        'KS2 2025-26',
        'KS4 2025-26',
        'KS2 2024-25',
        'KS4 2024-25',
      ]);
      const ks4 = await fitCohort(db, {
        stage: 'KS4',
        academicYear: '2025-26',
        randomSlope: 'prior_attainment',
      });
      expect(ks4.covariates).toEqual(['prior_attainment', 'disadvantaged', 'eal', 'female', 'sen']);
      expect(ks4.model.fixed.prior_attainment?.estimate).toBeCloseTo(9 / 6, 1);
      expect(Math.sqrt(ks4.model.variance.residual)).toBeCloseTo(11, 0);
      const bands = new Set(ks4.model.schools.map((s) => s.band));
      expect(bands).toEqual(new Set(['above', 'in_line', 'below']));
      const [va] = await indicatorAnalytics(kpiContext, {
        indicator: 'neet_rate_ks4',
        period: '2025-26',
        level: 'authority',
      });
      expect(va?.value).toBeGreaterThan(3);
      expect(va?.value).toBeLessThan(8);
      // Against the demo's national reference, the authority's secondary pupils do about 1.5 points worse
      // than pupils nationally with the same prior attainment, its primary pupils about 0.5 better.
      const national = async (indicator: string) =>
        (await indicatorAnalytics(kpiContext, { indicator, period: '2025-26', level: 'authority' }))[0]
          ?.value;
      expect(await national('national_value_added_ks4')).toBeCloseTo(-1.5, 0);
      expect(await national('national_value_added_ks2')).toBeCloseTo(0.5, 0);

      // Sign-in accounts: the director, every area lead at their area, three heads at their schools, a
      // system leader at two schools, an analyst and an admin, each role held where the post is.
      const { rows: accounts } = await sql<{
        email: string;
        role: string;
        unit: string;
        level: string;
        post: boolean;
      }>`
        select u.email, g.role, o.code as unit, o.level,
          exists (select 1 from post p where p.person_id = u.person_id and p.org_unit_id = o.id) as post
        from app_user u join role_grant g on g.user_id = u.id join org_unit o on o.id = g.org_unit_id
        order by u.id, o.code`.execute(db);
      const count = (role: string) => accounts.filter((a) => a.role === role).length;
      expect([count('director'), count('area_lead'), count('headteacher'), count('system_leader')]).toEqual([
        1, 20, 3, 2,
      ]);
      expect([count('analyst'), count('admin')]).toEqual([1, 1]);
      expect(accounts.find((a) => a.email === 'lead.a01@northmoor.example')).toMatchObject({
        unit: 'A01',
        post: true,
      });
      expect(
        accounts
          .filter((a) => ['director', 'area_lead', 'headteacher'].includes(a.role))
          .every((a) => a.post),
      ).toBe(true);
      expect(
        accounts.filter((a) => a.role === 'system_leader').every((a) => a.level === 'school' && !a.post),
      ).toBe(true);
      // The first trust's chief executive: a director at the trust, whose scope is its member schools.
      const ceo = await db
        .selectFrom('app_user')
        .select(['id', 'email', 'name'])
        .where('email', '=', 'ceo.t01@northmoor.example')
        .executeTakeFirstOrThrow();
      const members = await db
        .selectFrom('org_group_member as m')
        .innerJoin('org_group as g', 'g.id', 'm.group_id')
        .innerJoin('org_unit as o', 'o.id', 'm.org_unit_id')
        .select('o.code')
        .where('g.code', '=', 'T01')
        .execute();
      const chief = await actorForUser(db, ceo);
      expect(chief.grants).toEqual([{ role: 'director', org_unit: 'T01', group: 'trust' }]);
      expect(chief.scope.all).toBe(false);
      expect(members.length).toBeGreaterThan(0);
      expect([...chief.scope.units].sort()).toEqual(members.map((m) => m.code).sort());

      // Two years of monthly meetings, about 300 challenges in every state, three recurring problems.
      const context = contextFor(db, actor, { today: '2026-11-10' });
      const meetings = await listMeetings(context, {});
      expect(meetings).toHaveLength(24);
      expect(meetings.every((m) => m.kind === 'area_leads' && m.attendees === 21)).toBe(true);
      const challenges = await listChallenges(context, {});
      expect(challenges.length).toBeGreaterThan(280);
      expect(challenges.length).toBeLessThan(340);
      expect(new Set(challenges.map((c) => c.status))).toEqual(
        new Set(['open', 'in_progress', 'resolved', 'verified', 'closed']),
      );
      // Every timeline runs forwards: a challenge's status is its last dated status change, so the
      // measures' "open at the end of the month" (read from the timeline) agrees with the log's status.
      const { rows: outOfStep } = await sql<{ id: number }>`
        select c.id from challenge c
        join lateral (
          select u.to_status from challenge_update u where u.challenge_id = c.id and u.to_status is not null
          order by u.on_date desc, u.id desc limit 1
        ) last on true
        where last.to_status <> c.status`.execute(db);
      expect(outOfStep).toEqual([]);
      const problems = await recurringProblems(context);
      expect(problems.map((p) => p.areas.length)).toEqual([7, 5, 4]);
      // Resolution gets faster: the median days to resolve this autumn is under the first term's.
      const [first, last] = await Promise.all(
        ['2024-25T2', '2026-27T1'].map(async (period) => {
          const [result] = await indicatorAnalytics(kpiContext, {
            indicator: 'challenge_days_median',
            period,
            level: 'authority',
          });
          return result?.value as number;
        }),
      );
      expect(last).toBeLessThan(first as number);
      // The meeting ahead has its agenda drafted from the data; held ones have minutes.
      const [ahead, held] = meetings;
      const agenda = await db
        .selectFrom('agenda_item')
        .select(['meeting_id', 'kind', 'minutes'])
        .where('meeting_id', 'in', [ahead?.id as number, held?.id as number])
        .execute();
      expect(agenda.filter((i) => i.meeting_id === ahead?.id).map((i) => i.kind)).toEqual([
        'kpi_summary',
        'area_concerns',
        'overdue_challenges',
        'new_challenges',
        'actions_due',
        'item',
      ]);
      expect(agenda.some((i) => i.meeting_id === held?.id && i.minutes !== '')).toBe(true);

      // Brokering: every school inspected, two years of deployments (most ended), the rules' needs open.
      const inspected = await db.selectFrom('inspection').select('school_id').distinct().execute();
      expect(inspected.length).toBeGreaterThanOrEqual(open);
      const deployments = await db.selectFrom('deployment').select(['status']).execute();
      expect(deployments.filter((d) => d.status === 'active').length).toBeGreaterThan(10);
      expect(deployments.filter((d) => d.status !== 'active').length).toBeGreaterThan(50);
      const needs = await db
        .selectFrom('support_need')
        .select(['rule'])
        .where('status', '=', 'open')
        .execute();
      const rules = new Set(needs.map((n) => n.rule));
      for (const rule of [
        'headship_vacant',
        'first_year_head',
        'inspection_category',
        'at_risk',
        'red_indicator',
        'va_below',
      ])
        expect(rules).toContain(rule);
      // Strategies: the leadership strategy as the review found it, a year of termly updates by the leads.
      const strategies = await listStrategies(contextFor(db, actor));
      const leadership = strategies.find((s) => s.code === 'LEAD');
      // Reorganised after the spring term: six strands then, five now.
      expect(leadership?.counts).toMatchObject({ strands: 5, actions: 40 });
      const spring = await strategyDetail(contextFor(db, actor), 'LEAD', { asOf: '2026-03-31' });
      expect(spring.strands.map((s) => s.code)).toEqual(['LD', 'SP', 'RR', 'SL', 'WD', 'GV']);
      const changes = await planChanges(contextFor(db, actor), 'LEAD', '2026-03-31', '2026-08-31');
      expect(changes.map((c) => c.kind)).toEqual([
        'move_action',
        'move_action',
        'move_action',
        'merge_strands',
        'edit_strand',
      ]);
      // Two strands ("a suggested owner?") and six actions have no lead yet.
      expect(leadership?.counts.unowned).toBe(8);
      // Each term's updates are written from about two weeks before its due date to three weeks after.
      const { rows: terms } = await sql<{ updates: number; late: number }>`
        select count(u.id)::int as updates, count(u.id) filter (where u.on_date > t.due)::int as late
        from (values ('2025-12-01'::date, '2025-12-12'::date), ('2026-03-16', '2026-03-27'), ('2026-07-06', '2026-07-17'))
          as t(opens, due)
        left join strategy_update u on u.on_date between t.opens and t.due + 21
        group by t.due order by t.due`.execute(db);
      expect(terms).toHaveLength(3);
      for (const term of terms) {
        expect(term.updates).toBeGreaterThan(20);
        expect(term.updates).toBeLessThanOrEqual(40);
      }
      expect(terms.some((t) => t.late > 0)).toBe(true);
      // A cycle a term: the first two closed, the summer's open with some leads still not updated.
      const cycles = await listCycles(contextFor(db, actor), 'LEAD');
      // Newest first, as the cycles page lists them.
      expect(cycles.map((c) => [c.term, c.state])).toEqual([
        ['2025-26T3', 'open'],
        ['2025-26T2', 'closed'],
        ['2025-26T1', 'closed'],
      ]);
      expect(cycles.reduce((sum, c) => sum + c.totals.late, 0)).toBeGreaterThan(0);
      expect(cycles[0]?.totals.missing).toBeGreaterThan(0);
      for (const c of cycles) expect(c.totals.unowned).toBeGreaterThan(0);
      const detail = await strategyDetail(contextFor(db, actor), 'LEAD');
      expect(detail.contributes_to.length).toBeGreaterThan(0);
      const counts = async () => (await db.selectFrom('deployment').select('id').execute()).length;
      const before = await counts();

      // Loading the same seed again changes nothing.
      const again = await loadDemo(db, actor, { seed: 1, primarySchools: 1017, referenceDate });
      expect(again.filter((r) => r.inserted !== 0 || r.updated !== 0)).toEqual([]);
      expect(await counts()).toBe(before);
    } finally {
      await close();
    }
    // A thousand schools' whole demo, on a machine others share: past the default minute at busy times.
  }, 180_000);
});

describe('a demo load cut short', () => {
  test('is noticed, and loading again completes it to what an uninterrupted load gives', async () => {
    const counts = async (db: Awaited<ReturnType<typeof freshDatabase>>['db']) => {
      const { rows } = await sql<Record<string, number>>`
        select (select count(*) from school) as schools, (select count(*) from data_value) as data_values,
          (select count(*) from meeting) as meetings, (select count(*) from agenda_item) as agenda_items,
          (select count(*) from deployment) as deployments,
          (select count(*) from strategy_action) as strategy_actions,
          (select count(*) from strategy_update) as strategy_updates,
          (select count(*) from support_need where status = 'open') as open_needs`.execute(db);
      return rows[0];
    };
    const options = { seed: 3, primarySchools: 30, referenceDate };
    const whole = await freshDatabase();
    const cut = await freshDatabase();
    try {
      await loadDemo(whole.db, operator('test'), options);
      // Killed while loading meetings: everything before is in, the meetings step never committed.
      await expect(
        loadDemo(cut.db, operator('test'), {
          ...options,
          onStep: (step) => {
            if (step === 'meetings') throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');
      expect(await counts(cut.db)).toMatchObject({ meetings: 0, deployments: 0, open_needs: 0 });
      expect(await unfinishedDemoLoad(cut.db)).toEqual(options);
      expect(await unfinishedDemoLoad(whole.db)).toBeUndefined();

      await loadDemo(cut.db, operator('test'), (await unfinishedDemoLoad(cut.db)) as typeof options);
      const expected = await counts(whole.db);
      expect(expected?.meetings).toBeGreaterThan(0);
      expect(expected?.deployments).toBeGreaterThan(0);
      expect(await counts(cut.db)).toEqual(expected);
      expect(await unfinishedDemoLoad(cut.db)).toBeUndefined();
      expect(expected?.strategy_updates).toBeGreaterThan(0);

      // Killed after the strategies (at the needs): loading again makes them afresh, neither twice nor half.
      const late = await freshDatabase();
      try {
        await expect(
          loadDemo(late.db, operator('test'), {
            ...options,
            onStep: (step) => {
              if (step === 'needs') throw new Error('killed');
            },
          }),
        ).rejects.toThrow('killed');
        await loadDemo(late.db, operator('test'), options);
        expect(await counts(late.db)).toEqual(expected);
      } finally {
        await late.close();
      }
    } finally {
      await whole.close();
      await cut.close();
    }
    // Three loads of 30 schools (about 70 s when the shared machine is busy): past the default minute.
  }, 180_000);
});
