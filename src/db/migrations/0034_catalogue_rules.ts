// The role catalogue's remaining rules (issue 22): an executive head is seconded only to a school with no
// head and no capacity to appoint an acting head (or within their own federation), a rule the authority
// can switch per role; and support needs may be for an NPQH internship or a leadership placement, which
// the need rules now raise for deputies who hold the NPQH or have asked for an associate head placement.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table leader_role add column no_acting_capacity boolean not null default false;
    update leader_role set no_acting_capacity = true where code = 'executive_head';
    alter table support_need drop constraint support_need_kind_check;
    alter table support_need add constraint support_need_kind_check check (kind in ('headship_cover', 'mentor',
      'nle', 'lle', 'practice', 'professional_partner', 'npqh_internship', 'leadership_placement'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from support_need where kind in ('npqh_internship', 'leadership_placement');
    alter table support_need drop constraint support_need_kind_check;
    alter table support_need add constraint support_need_kind_check check (kind in ('headship_cover', 'mentor',
      'nle', 'lle', 'practice', 'professional_partner'));
    alter table leader_role drop column no_acting_capacity;
  `.execute(db);
}
