// The system-leader role catalogue as data (issue 22): who each role's holder must be, which needs the role
// meets, its funded days and its limits; seeded with the definitions the authority's catalogue gives, and
// editable by the authority. Designations gain the date an accreditation was recorded.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table leader_role (
      code text primary key,
      name text not null,
      description text not null,
      meets text[] not null,
      funded_days numeric(5, 1) not null check (funded_days >= 0 and funded_days <= 366),
      max_schools integer not null check (max_schools between 1 and 20),
      serving_head boolean not null,
      employed_by_authority boolean not null,
      own_school_at_least text check (own_school_at_least in ('good', 'outstanding')),
      judged_on text not null check (judged_on in ('overall', 'leadership')),
      min_headship_years numeric(4, 1) not null check (min_headship_years >= 0),
      accreditation text,
      position integer not null
    );
    alter table designation add column accredited_on date;
    create trigger leader_role_audit after insert or update or delete on leader_role
      for each row execute function audit_row_change();
    create trigger leader_role_version after insert or update or delete or truncate on leader_role
      for each statement execute function raise_data_version();
    insert into leader_role (position, code, name, description, meets, funded_days, max_schools, serving_head,
        employed_by_authority, own_school_at_least, judged_on, min_headship_years, accreditation) values
      (1, 'advisory_head', 'Advisory headteacher',
        'A highly effective head employed by the authority, deployed for a time to cover a vacancy or absence in a school in difficulty, or as a coach when available.',
        '{headship_cover,professional_partner}', 30, 3, false, true, null, 'overall', 0, null),
      (2, 'executive_head', 'Executive headteacher',
        'A substantive head of one school seconded part or full time to a school with no head and no capacity to appoint an acting head; or the head of a federation.',
        '{headship_cover}', 95, 2, true, false, 'good', 'overall', 0, null),
      (3, 'interim_head', 'Interim (acting) headteacher',
        'Fills one headship vacancy at a time, full or part time.',
        '{headship_cover}', 190, 1, false, false, null, 'overall', 0, null),
      (4, 'mentor', 'Mentor',
        'A serving head supporting a colleague in their first year of headship.',
        '{mentor}', 8, 3, true, false, null, 'overall', 3, null),
      (5, 'professional_partner', 'Professional partner',
        'Coaching and mentoring of heads, after the 2-day professional partner accreditation, which is recorded.',
        '{professional_partner}', 20, 3, false, false, null, 'overall', 0, 'the 2-day professional partner accreditation'),
      (6, 'lle', 'Local leader of education (LLE)',
        'A serving head whose own school''s leadership is good or outstanding, for a new head in challenging circumstances or a leadership twice judged requires improvement.',
        '{lle}', 15, 3, true, false, 'good', 'leadership', 0, null),
      (7, 'nle', 'National leader of education (NLE)',
        'An outstanding head, for schools in an inspection category, emerging from one, or in danger of one.',
        '{nle}', 30, 3, true, false, 'outstanding', 'overall', 0, null),
      (8, 'sle', 'Specialist leader of education (SLE)',
        'A middle or senior leader sharing practice in what they are strong at.',
        '{practice}', 10, 3, false, false, null, 'overall', 0, null),
      (9, 'npqh_host', 'NPQH host school',
        'A school with good or outstanding leadership and capacity, hosting an NPQH candidate''s 5 to 20 day internship (its head holds the designation).',
        '{npqh_internship}', 20, 2, true, false, 'good', 'leadership', 0, null),
      (10, 'associate_head', 'Associate headteacher placement',
        'A school with a successful leadership team offering a deputy or aspiring head a 10-day leadership placement with a research project (its head holds the designation).',
        '{leadership_placement}', 10, 1, true, false, 'good', 'leadership', 0, null),
      (11, 'npqh', 'NPQH (qualification)',
        'The national professional qualification for headship: a qualification its holder has, not a role that meets a need.',
        '{}', 0, 1, false, false, null, 'overall', 0, null);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table leader_role; alter table designation drop column accredited_on;`.execute(db);
}
