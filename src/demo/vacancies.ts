// The demo's vacancy register: three years of recruitment read off the registry's demo, so the register
// and the registry tell the same story. Every headship that changed hands in the last three years was a
// vacancy filled by its current head (the appointment is the post the registry already has); every school
// led now by an interim or acting head, or by nobody, has a vacancy open now, covered by a brokered
// deployment of the interim, by the acting head, or not at all; deputy posts taken up in the last three
// years were deputy vacancies. Rounds draw fewer applications at small schools (capacity under 210 in a
// primary, 900 in a secondary) and in special schools, and a round with few applications is more often
// readvertised. A few deputy vacancies at schools that now have no deputy were withdrawn.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit, withoutRowAudit } from '../auth/audit.ts';
import { defaultBrokeringSettings } from '../brokering/settings.ts';
import type { Db } from '../db/types.ts';
import type { Random } from '../random.ts';
import type { vacancyReasons } from '../vacancies/lists.ts';
import { addDays } from './registry.ts';

type Reason = (typeof vacancyReasons)[number];

interface PostRow {
  post_id: number;
  person_id: number;
  school_id: number;
  role: string;
  starts_on: string;
  phase: string;
  capacity: number | null;
  /** The head (or deputy) whose post at the school ended the day before this one began. */
  leaver_id: number | null;
  /** The school's deputy on the day (who acts up while the headship is vacant). */
  deputy_id: number | null;
}

interface Round {
  advertised_on: string;
  closes_on: string;
  applications: number;
  shortlisted: number;
  interviewed: number;
  outcome: 'open' | 'appointed' | 'not_appointed';
  panel: string;
  governors_on_panel: number;
}

const panels = [
  ['Chair of governors, two governors and the area lead', 3],
  ['Chair of governors, one governor and the area lead', 2],
  ['Chair of governors, two governors, the area lead and an NLE adviser', 3],
  ['Chair of the trust board, the CEO and one governor', 1],
] as const;

/** Fewer applicants for a small, or a special, school; deputy posts draw more than headships. */
function expectedApplications(row: PostRow, headship: boolean): number {
  const small =
    row.capacity !== null &&
    row.capacity < (row.phase === 'secondary' ? 900 : row.phase === 'primary' ? 210 : 0);
  const base = row.phase === 'secondary' ? 9 : row.phase === 'special' ? 3.5 : 6;
  return base * (small ? 0.5 : 1) * (headship ? 1 : 1.6);
}

function round(
  random: Random,
  row: PostRow,
  headship: boolean,
  advertised: string,
  outcome: Round['outcome'],
): Round {
  const applications = Math.max(
    outcome === 'appointed' ? 1 : 0,
    Math.round(random.normal(expectedApplications(row, headship), 1.8)),
  );
  const shortlisted = Math.min(applications, Math.max(outcome === 'appointed' ? 1 : 0, random.int(1, 4)));
  const interviewed = Math.max(outcome === 'appointed' ? 1 : 0, shortlisted - random.int(0, 1), 0);
  const [panel, governors] = random.pick(panels);
  return {
    advertised_on: advertised,
    closes_on: addDays(advertised, random.int(18, 28)),
    applications,
    shortlisted,
    interviewed,
    outcome,
    panel,
    governors_on_panel: governors,
  };
}

/** Rounds that end in an appointment on `appointedOn`, readvertised more often when the first drew few. */
function filledRounds(random: Random, row: PostRow, headship: boolean, appointedOn: string) {
  // Worked backwards from the appointment: interviews a week or two after the closing date.
  const last = round(random, row, headship, addDays(appointedOn, -random.int(30, 45)), 'appointed');
  const rounds: Round[] = [last];
  if (random.chance(expectedApplications(row, headship) < 4 ? 0.45 : 0.12)) {
    const failed = round(
      random,
      row,
      headship,
      addDays(last.advertised_on, -random.int(55, 80)),
      'not_appointed',
    );
    failed.applications = Math.min(failed.applications, random.int(0, 3));
    failed.shortlisted = Math.min(failed.shortlisted, failed.applications);
    failed.interviewed = Math.min(failed.interviewed, failed.shortlisted);
    rounds.unshift(failed);
  }
  const opened = addDays(rounds[0]?.advertised_on ?? appointedOn, -random.int(5, 25));
  return { rounds, opened };
}

const headReasons: Reason[] = ['retirement', 'retirement', 'resignation', 'promotion', 'other'];
const deputyReasons: Reason[] = ['promotion', 'promotion', 'resignation', 'retirement', 'other'];

/** Writes the register once (a second load leaves it and its edits alone); audited as one event. */
export async function loadDemoVacancies(db: Db, actor: Actor, random: Random, referenceDate: string) {
  if (await db.selectFrom('vacancy').select('id').limit(1).executeTakeFirst()) return;
  const since = addDays(referenceDate, -3 * 365);
  const { rows } = await sql<PostRow>`
    select po.id as post_id, po.person_id, po.org_unit_id as school_id, po.role,
      to_char(po.starts_on, 'YYYY-MM-DD') as starts_on, s.phase, s.capacity,
      (select prev.person_id from post prev where prev.org_unit_id = po.org_unit_id
        and prev.role = case when po.role = 'deputy_headteacher' then 'deputy_headteacher' else 'headteacher' end
        and prev.ends_on = po.starts_on - 1 order by prev.id limit 1) as leaver_id,
      (select d.person_id from post d where d.org_unit_id = po.org_unit_id and d.role = 'deputy_headteacher'
        and d.starts_on <= po.starts_on and (d.ends_on is null or d.ends_on >= po.starts_on)
        order by d.id limit 1) as deputy_id
    from post po join school s on s.org_unit_id = po.org_unit_id
    where po.role in ('headteacher', 'deputy_headteacher', 'interim_headteacher', 'acting_headteacher')
      and po.starts_on > ${since} and po.starts_on <= ${referenceDate}
      and (po.ends_on is null or po.ends_on >= ${referenceDate}) and s.closed_on is null
    order by po.org_unit_id, po.id`.execute(db);
  // Schools with no head, interim or acting head today: the head left and nobody covers yet.
  const { rows: vacant } = await sql<PostRow>`
    select prev.id as post_id, prev.person_id, prev.org_unit_id as school_id, 'vacant' as role,
      to_char(prev.ends_on + 1, 'YYYY-MM-DD') as starts_on, s.phase, s.capacity,
      prev.person_id as leaver_id, null::int as deputy_id
    from post prev join school s on s.org_unit_id = prev.org_unit_id
    where prev.role = 'headteacher' and prev.ends_on > ${addDays(referenceDate, -365)}
      and prev.ends_on < ${referenceDate} and s.closed_on is null
      and not exists (select 1 from post p where p.org_unit_id = prev.org_unit_id
        and p.role in ('headteacher', 'interim_headteacher', 'acting_headteacher')
        and p.starts_on <= ${referenceDate} and (p.ends_on is null or p.ends_on >= ${referenceDate}))
    order by prev.org_unit_id`.execute(db);
  const { rows: noDeputy } = await sql<{ id: number }>`
    select s.org_unit_id as id from school s where s.closed_on is null and s.phase = 'primary'
      and not exists (select 1 from post p where p.org_unit_id = s.org_unit_id and p.role = 'deputy_headteacher')
    order by s.org_unit_id`.execute(db);
  const settings = defaultBrokeringSettings;

  await db.transaction().execute(async (trx) => {
    await withoutRowAudit(trx);
    const counts = { filled: 0, open: 0, withdrawn: 0, deployments: 0 };
    const insert = async (
      values: {
        school_unit_id: number;
        post_role: 'headteacher' | 'deputy_headteacher';
        opened_on: string;
        reason: Reason;
        leaving_person_id: number | null;
        cover_deployment_id?: number | null;
        cover_person_id?: number | null;
        appointed_person_id?: number | null;
        appointed_on?: string | null;
        appointed_starts_on?: string | null;
        appointed_post_id?: number | null;
        withdrawn_on?: string | null;
        withdrawn_reason?: string | null;
        notes?: string;
      },
      rounds: Round[],
    ) => {
      const { id } = await trx
        .insertInto('vacancy')
        .values({ ...values, created_by: 'demo' })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (rounds.length)
        await trx
          .insertInto('vacancy_round')
          .values(rounds.map((r, i) => ({ ...r, vacancy_id: id, number: i + 1 })))
          .execute();
    };

    for (const row of rows) {
      const headship = row.role !== 'deputy_headteacher';
      if (row.role === 'headteacher' || row.role === 'deputy_headteacher') {
        // Filled: appointed a term or so before the post began (notice to serve).
        const appointedOn = addDays(row.starts_on, -random.int(60, 150));
        const { rounds, opened } = filledRounds(random, row, headship, appointedOn);
        // While the head's post was vacant the deputy acted up, where the school had one.
        const actingUp = headship && row.leaver_id === null && row.deputy_id !== null;
        await insert(
          {
            school_unit_id: row.school_id,
            post_role: headship ? 'headteacher' : 'deputy_headteacher',
            opened_on: opened,
            reason:
              row.leaver_id === null && headship
                ? 'other'
                : random.pick(headship ? headReasons : deputyReasons),
            leaving_person_id: row.leaver_id,
            cover_person_id: actingUp ? row.deputy_id : null,
            appointed_person_id: row.person_id,
            appointed_on: appointedOn,
            appointed_starts_on: row.starts_on,
            appointed_post_id: row.post_id,
          },
          rounds,
        );
        counts.filled += 1;
        continue;
      }
      // Open now, since the interim or acting head began: the first advert failed, the second is out.
      let coverDeployment: number | null = null;
      if (row.role === 'interim_headteacher') {
        const { id: needId } = await trx
          .insertInto('support_need')
          .values({
            school_id: row.school_id,
            kind: 'headship_cover',
            rule: 'manual',
            indicator: null,
            evidence: 'The head left: an interim head while the governors recruit',
            figures: '{}',
            days: settings.days.headship_cover,
            status: 'supported',
            raised_on: addDays(row.starts_on, -random.int(14, 40)),
            raised_by: 'demo broker',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ({ id: coverDeployment } = await trx
          .insertInto('deployment')
          .values({
            need_id: needId,
            person_id: row.person_id,
            role: 'headship_cover',
            starts_on: row.starts_on,
            ends_on: addDays(row.starts_on, 364),
            days_agreed: settings.days.headship_cover,
            created_by: 'demo broker',
          })
          .returning('id')
          .executeTakeFirstOrThrow());
        counts.deployments += 1;
      }
      await insert(
        {
          school_unit_id: row.school_id,
          post_role: 'headteacher',
          opened_on: addDays(row.starts_on, -random.int(20, 60)),
          reason: random.pick(headReasons),
          leaving_person_id: row.leaver_id,
          cover_deployment_id: coverDeployment,
          cover_person_id: row.role === 'acting_headteacher' ? row.person_id : null,
        },
        openRounds(random, row, referenceDate),
      );
      counts.open += 1;
    }
    for (const row of vacant) {
      await insert(
        {
          school_unit_id: row.school_id,
          post_role: 'headteacher',
          opened_on: addDays(row.starts_on, -random.int(20, 60)),
          reason: random.pick(headReasons),
          leaving_person_id: row.leaver_id,
          notes: 'No cover yet: the governors have asked the area lead to broker an interim head.',
        },
        openRounds(random, row, referenceDate),
      );
      counts.open += 1;
    }
    // A few deputy headships withdrawn: the school restructured its leadership rather than replace the deputy.
    for (const school of random.shuffle(noDeputy).slice(0, Math.max(1, Math.round(noDeputy.length / 40)))) {
      const opened = addDays(referenceDate, -random.int(200, 900));
      await insert(
        {
          school_unit_id: school.id,
          post_role: 'deputy_headteacher',
          opened_on: opened,
          reason: 'resignation',
          leaving_person_id: null,
          withdrawn_on: addDays(opened, random.int(30, 80)),
          withdrawn_reason:
            'Not replaced: the governors restructured the leadership team around two assistant heads',
        },
        [],
      );
      counts.withdrawn += 1;
    }
    await recordAudit(trx, actor, 'import', 'vacancies', { file: 'demo', ...counts });
  });
}

/** An open vacancy's rounds by the reference date: none yet, one still open, or one failed and the readvert. */
function openRounds(random: Random, row: PostRow, referenceDate: string): Round[] {
  const first = addDays(row.starts_on, random.int(10, 30));
  if (first > addDays(referenceDate, -10)) return [];
  const one = round(random, row, true, first, 'not_appointed');
  if (one.closes_on >= referenceDate) return [{ ...one, outcome: 'open' }];
  const again = addDays(one.closes_on, random.int(21, 45));
  if (again > referenceDate) return [one];
  const two = round(random, row, true, again, again > addDays(referenceDate, -40) ? 'open' : 'not_appointed');
  return [one, two];
}
