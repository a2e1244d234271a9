// Specialists as system leaders (issue 24): a catalogue of specialisms the authority extends (subjects,
// phases, SEND, early reading, behaviour ...; and support staff's areas of expertise), each optionally
// tied to the indicators whose weakness asks for it; designations that list specialisms and name the
// school their holder works at; two more designation kinds in the role catalogue (an outstanding teacher,
// a support-staff leader); and a support need that may ask for a specialism.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table specialism (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      name text not null unique,
      family text not null check (family in ('teaching', 'support')),
      description text not null default '',
      indicators text[] not null default '{}',
      retired boolean not null default false,
      position integer not null
    );
    create trigger specialism_audit after insert or update or delete on specialism
      for each row execute function audit_row_change();
    create trigger specialism_version after insert or update or delete or truncate on specialism
      for each statement execute function raise_data_version();
    insert into specialism (position, code, family, name, description, indicators) values
      (1, 'early_reading', 'teaching', 'Early reading and phonics', 'Systematic phonics, early reading and catch-up for the lowest readers.', '{}'),
      (2, 'english', 'teaching', 'English', '', '{}'),
      (3, 'mathematics', 'teaching', 'Mathematics', '', '{}'),
      (4, 'science', 'teaching', 'Science', '', '{}'),
      (5, 'early_years', 'teaching', 'Early years', 'The early years foundation stage (phase).', '{}'),
      (6, 'transition', 'teaching', 'Primary to secondary transition', 'Phase: the move from primary to secondary.', '{}'),
      (7, 'send', 'teaching', 'SEND', 'Special educational needs and disabilities.', '{}'),
      (8, 'behaviour', 'teaching', 'Behaviour', '', '{}'),
      (9, 'attendance', 'teaching', 'Attendance', 'Improving pupils'' attendance and reducing persistent absence.', '{attendance_rate,absence_rate}'),
      (10, 'assessment', 'teaching', 'Assessment', 'Assessment, moderation and the use of data.', '{expected_standard_rate}'),
      (11, 'curriculum', 'teaching', 'Curriculum', 'Curriculum design and its delivery.', '{lesson_completion_rate}'),
      (12, 'eal', 'teaching', 'English as an additional language', '', '{}'),
      (13, 'safeguarding', 'teaching', 'Safeguarding', '', '{}'),
      (14, 'teaching_assistants', 'support', 'Teaching assistants', 'Leading and deploying teaching assistants.', '{}'),
      (15, 'it_network', 'support', 'IT network', 'School IT networks and systems.', '{}'),
      (16, 'school_sport', 'support', 'School sport', 'School sport and physical activity.', '{}'),
      (17, 'estates', 'support', 'Estates', 'Premises, buildings and their safety.', '{}'),
      (18, 'business_management', 'support', 'Business management', 'School business management: finance, HR, procurement.', '{}');

    alter table designation add column specialisms text[] not null default '{}';
    alter table designation add column school_id integer references org_unit(id);

    alter table support_need add column specialism text references specialism(code);

    update leader_role set meets = '{practice}',
      description = 'A middle or senior leader sharing practice in their specialism, or in what their school is strong at.'
      where code = 'sle';
    insert into leader_role (position, code, name, description, meets, funded_days, max_schools, serving_head,
        employed_by_authority, own_school_at_least, judged_on, min_headship_years, accreditation) values
      (12, 'outstanding_teacher', 'Outstanding teacher',
        'A classroom teacher whose practice is outstanding, developing colleagues in other schools in their specialism.',
        '{practice}', 10, 3, false, false, null, 'overall', 0, null),
      (13, 'support_staff_leader', 'Support-staff leader',
        'A member of support staff who leads in their expertise (teaching assistants, IT network, school sport, estates, business management) and supports other schools in it.',
        '{practice}', 10, 3, false, false, null, 'overall', 0, null);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from designation where kind in ('outstanding_teacher', 'support_staff_leader');
    delete from leader_role where code in ('outstanding_teacher', 'support_staff_leader');
    alter table support_need drop column specialism;
    alter table designation drop column school_id;
    alter table designation drop column specialisms;
    drop table specialism;
  `.execute(db);
}
