// Governing boards (issue 22): a board governs one school or several (a federation's or trust's board),
// with places by category from its instrument of government, a clerk, its members with their category,
// roles and terms, a skills matrix, training attended, and a succession plan. Vacancies, gaps, overdue
// training and readiness are derived, never stored.
import { type Kysely, sql } from 'kysely';
import { governanceElements, governanceIndicators } from '../../governance/elements.ts';

const audited = [
  'governing_board',
  'governing_board_school',
  'governing_board_place',
  'governor',
  'governance_skill',
  'governor_skill',
  'governance_course',
  'governor_training',
  'board_succession',
  'governor_panel',
];
// The KPI figures read these: a change raises the data version so cached roll-ups are recomputed.
const counted = [
  'governing_board_school',
  'governing_board_place',
  'governor',
  'governor_training',
  'board_succession',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table governing_board (
      id serial primary key,
      code text not null unique,
      name text not null,
      group_id integer references org_group(id),
      clerk_name text not null default '',
      clerk_email text,
      created_by text not null
    );
    create table governing_board_school (
      board_id integer not null references governing_board(id) on delete cascade,
      school_unit_id integer not null unique references org_unit(id),
      primary key (board_id, school_unit_id)
    );
    create table governing_board_place (
      board_id integer not null references governing_board(id) on delete cascade,
      category text not null check (category in ('parent', 'staff', 'authority', 'foundation', 'co_opted', 'partner')),
      places integer not null check (places >= 0 and places <= 30),
      primary key (board_id, category)
    );
    create table governor (
      id serial primary key,
      board_id integer not null references governing_board(id) on delete cascade,
      name text not null,
      email text,
      phone text,
      person_id integer references person(id),
      category text not null check (category in ('parent', 'staff', 'authority', 'foundation', 'co_opted', 'partner')),
      roles text[] not null default '{}',
      appointed_on date not null,
      term_ends_on date not null,
      resigned_on date,
      check (term_ends_on > appointed_on),
      check (resigned_on is null or resigned_on >= appointed_on)
    );
    create index governor_board on governor (board_id);
    -- One chair and one vice-chair per board among those serving (resigned_on is null; a term that ended
    -- is checked by the verbs, as it depends on the day).
    create table governance_skill (
      code text primary key,
      name text not null,
      position integer not null,
      active boolean not null default true
    );
    create table governor_skill (
      governor_id integer not null references governor(id) on delete cascade,
      skill_code text not null references governance_skill(code),
      rating integer not null check (rating between 1 and 3),
      primary key (governor_id, skill_code)
    );
    create table governance_course (
      code text primary key,
      name text not null,
      position integer not null,
      mandatory boolean not null default false,
      renew_months integer check (renew_months between 1 and 120)
    );
    create table governor_training (
      id serial primary key,
      governor_id integer not null references governor(id) on delete cascade,
      course_code text not null references governance_course(code),
      attended_on date not null,
      unique (governor_id, course_code, attended_on)
    );
    create table board_succession (
      board_id integer primary key references governing_board(id) on delete cascade,
      has_plan boolean not null,
      reviewed_on date,
      chair_successor_id integer references governor(id) on delete set null,
      headship_successor_person_id integer references person(id),
      headship_successor text not null default '',
      notes text not null default '',
      check (not has_plan or reviewed_on is not null)
    );
    -- Governors who sat on a recruitment round's panel (the vacancy register's rounds record the panel as
    -- text and a count; this names the board members among them).
    create table governor_panel (
      vacancy_round_id integer not null references vacancy_round(id) on delete cascade,
      governor_id integer not null references governor(id) on delete cascade,
      primary key (vacancy_round_id, governor_id)
    );
    insert into governance_skill (position, code, name) values
      (1, 'finance', 'Finance and audit'),
      (2, 'hr', 'HR and staffing'),
      (3, 'education', 'Education and curriculum'),
      (4, 'safeguarding', 'Safeguarding'),
      (5, 'legal', 'Legal'),
      (6, 'data', 'Data and performance'),
      (7, 'premises', 'Premises and health and safety'),
      (8, 'community', 'Community links'),
      (9, 'send', 'Special educational needs'),
      (10, 'recruitment', 'Headteacher recruitment');
    insert into governance_course (position, code, name, mandatory, renew_months) values
      (1, 'induction', 'Induction', true, null),
      (2, 'safeguarding', 'Safeguarding', true, 36),
      (3, 'chair_development', 'Chair development', false, null),
      (4, 'headteacher_recruitment', 'Headteacher recruitment', false, 60),
      (5, 'send', 'SEND governance', false, null),
      (6, 'finance', 'School finance', false, null);
  `.execute(db);
  for (const table of audited)
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  for (const table of counted)
    await sql`create trigger ${sql.raw(`${table}_version`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function raise_data_version()`.execute(db);
  // The board indicators, computed from these tables (src/governance/totals.ts).
  const rows = db as unknown as Kysely<{ data_element: object; indicator: object }>;
  await rows.insertInto('data_element').values(governanceElements).execute();
  await rows.insertInto('indicator').values(governanceIndicators).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from indicator where code in (${sql.join(governanceIndicators.map((i) => i.code))})`.execute(
    db,
  );
  await sql`delete from data_element where code in (${sql.join(governanceElements.map((e) => e.code))})`.execute(
    db,
  );
  await sql`drop table governor_panel, board_succession, governor_training, governance_course, governor_skill, governance_skill,
    governor, governing_board_place, governing_board_school, governing_board`.execute(db);
}
