// The skills audit (issue 22): a competency framework (shipped with the four the issue names and four an
// authority expects, editable, retired rather than deleted once rated), the programmes that develop each
// competency, audit rounds over a set of leaders, and each leader's self and validated ratings.
import { type Kysely, sql } from 'kysely';

const audited = ['competency', 'competency_programme', 'skill_audit', 'skill_audit_leader', 'skill_rating'];

const levels = (a: string, b: string, c: string, d: string) => sql`array[${a}, ${b}, ${c}, ${d}]::text[]`;

const shipped = [
  {
    code: 'data_literacy',
    name: 'Data literacy',
    description:
      'Reads, questions and acts on assessment, attendance and inspection data to lead improvement.',
    evidence: 'Minutes of data reviews, the school’s own analysis, actions that followed from a trend.',
    levels: levels(
      'Reads the school’s headline figures with support',
      'Explains the main trends and gaps in the school’s data',
      'Uses data routinely to set priorities and check their impact',
      'Builds others’ data literacy and challenges other schools’ use of data',
    ),
    programmes: ['aspiring_leaders', 'npqh', 'good_to_outstanding'],
  },
  {
    code: 'leadership_of_learning',
    name: 'Leadership of learning',
    description: 'Leads the quality of teaching and the curriculum so that every pupil learns well.',
    evidence:
      'Lesson visits and feedback, curriculum plans, outcomes of groups the leader is responsible for.',
    levels: levels(
      'Leads learning in their own classroom or team',
      'Improves teaching across a phase or subject',
      'Secures consistently good teaching across the school',
      'Improves teaching beyond their own school',
    ),
    programmes: ['npqh', 'good_to_outstanding', 'secondary_heads', 'special_heads'],
  },
  {
    code: 'self_evaluation',
    name: 'Self-evaluation',
    description: 'Knows the school’s strengths and weaknesses accurately and plans from them.',
    evidence: 'The self-evaluation form set against the last inspection and a visit’s judgements.',
    levels: levels(
      'Contributes evidence to the school’s self-evaluation',
      'Evaluates an area of the school accurately',
      'Leads an accurate whole-school self-evaluation that drives the plan',
      'Validates other schools’ self-evaluation as a peer reviewer',
    ),
    programmes: ['npqh', 'new_heads_induction', 'good_to_outstanding'],
  },
  {
    code: 'shared_leadership',
    name: 'Shared and distributed leadership',
    description:
      'Grows leadership in others and shares responsibility across the team and with other schools.',
    evidence: 'Delegated responsibilities with their outcomes, leaders developed, partnership work.',
    levels: levels(
      'Works well as part of a leadership team',
      'Delegates with clear accountability',
      'Grows leaders across the school',
      'Leads partnerships that grow leaders in several schools',
    ),
    programmes: ['aspiring_leaders', 'npqh', 'new_heads_induction'],
  },
  {
    code: 'managing_people',
    name: 'Managing people',
    description: 'Recruits, appraises, develops and, where needed, challenges staff fairly and well.',
    evidence: 'Appraisal records, recruitment and retention, capability cases handled.',
    levels: levels(
      'Manages a small team with support',
      'Appraises and develops a team',
      'Leads the school’s recruitment, appraisal and development well',
      'Advises other schools on difficult staffing',
    ),
    programmes: ['aspiring_leaders', 'new_heads_induction'],
  },
  {
    code: 'financial_management',
    name: 'Financial and resource management',
    description: 'Sets and keeps a balanced budget that follows the school’s priorities.',
    evidence: 'Budget plans and outturns, the schools financial value standard, deployment of staff.',
    levels: levels(
      'Manages a delegated budget',
      'Plans a phase’s or department’s resources to priorities',
      'Sets and keeps a balanced whole-school budget',
      'Shares resources and business support across schools',
    ),
    programmes: ['npqh', 'new_heads_induction'],
  },
  {
    code: 'safeguarding_leadership',
    name: 'Safeguarding leadership',
    description: 'Keeps pupils safe: a culture of vigilance, sound procedures and work with other agencies.',
    evidence: 'The safeguarding audit, the single central record, case handling with other agencies.',
    levels: levels(
      'Knows and follows the school’s procedures',
      'Acts as a deputy designated lead',
      'Leads a strong safeguarding culture across the school',
      'Supports other schools’ safeguarding',
    ),
    programmes: ['new_heads_induction'],
  },
  {
    code: 'community_partnerships',
    name: 'Community and partnerships',
    description: 'Works with families, governors, the community and other schools for pupils’ benefit.',
    evidence: 'Parent surveys, governors’ minutes, partnership agreements and their outcomes.',
    levels: levels(
      'Builds good relations with families',
      'Leads work with families or a partner',
      'Leads the school’s partnerships to clear effect',
      'Leads partnerships across a group of schools',
    ),
    programmes: ['good_to_outstanding', 'early_years_leaders'],
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table competency (
      id serial primary key,
      code text not null unique,
      name text not null,
      description text not null default '',
      evidence text not null default '',
      levels text[] not null check (array_length(levels, 1) = 4),
      position integer not null,
      retired_on date
    );
    create table competency_programme (
      competency_id integer not null references competency(id) on delete cascade,
      programme_id integer not null references programme(id),
      primary key (competency_id, programme_id)
    );
    create table skill_audit (
      id serial primary key,
      code text not null unique,
      name text not null,
      opens_on date not null,
      closes_on date not null,
      check (closes_on >= opens_on)
    );
    create table skill_audit_leader (
      audit_id integer not null references skill_audit(id) on delete cascade,
      person_id integer not null references person(id),
      school_id integer references org_unit(id),
      post_role text,
      primary key (audit_id, person_id)
    );
    create table skill_rating (
      audit_id integer not null,
      person_id integer not null,
      competency_id integer not null references competency(id),
      self_rating smallint check (self_rating between 1 and 4),
      self_note text not null default '',
      self_on date,
      validated_rating smallint check (validated_rating between 1 and 4),
      evidence text not null default '',
      validator_person_id integer references person(id),
      validator text,
      validated_on date,
      primary key (audit_id, person_id, competency_id),
      foreign key (audit_id, person_id) references skill_audit_leader(audit_id, person_id) on delete cascade,
      check ((self_rating is null) = (self_on is null)),
      check ((validated_rating is null) = (validated_on is null))
    );
    create index skill_rating_competency on skill_rating (competency_id);
  `.execute(db);
  for (const [position, c] of shipped.entries()) {
    await sql`insert into competency (code, name, description, evidence, levels, position)
      values (${c.code}, ${c.name}, ${c.description}, ${c.evidence}, ${c.levels}, ${position + 1})`.execute(
      db,
    );
    await sql`insert into competency_programme (competency_id, programme_id)
      select c.id, p.id from competency c, programme p
      where c.code = ${c.code} and p.code in (${sql.join(c.programmes)})`.execute(db);
  }
  for (const table of audited)
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table skill_rating, skill_audit_leader, skill_audit, competency_programme, competency`.execute(
    db,
  );
}
