// A parity index is best at 1 and worse either side of it (issue 25): a gender parity index of 1.10, boys
// behind girls, is as far from parity as 0.91. Direction 'parity' bands by the distance from 1, its red
// and amber thresholds being distances (UNESCO counts 0.97 to 1.03 as parity: amber 0.03). The shipped
// parity indices move to it where the authority has kept them as shipped (higher, red 0.9, amber 0.97).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table indicator drop constraint indicator_direction_check;
    alter table indicator add constraint indicator_direction_check
      check (direction in ('higher', 'lower', 'parity'));
    alter table indicator add constraint indicator_parity_thresholds
      check (direction <> 'parity' or ((red is null or red >= 0) and (amber is null or amber >= 0)));
    update indicator set direction = 'parity', red = 0.1, amber = 0.03
      where code in ('gender_parity_enrolment', 'gender_parity_attendance')
        and direction = 'higher' and red = 0.9 and amber = 0.97`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    update indicator set direction = 'higher', red = 0.9, amber = 0.97 where direction = 'parity';
    alter table indicator drop constraint indicator_parity_thresholds;
    alter table indicator drop constraint indicator_direction_check;
    alter table indicator add constraint indicator_direction_check check (direction in ('higher', 'lower'))`.execute(
    db,
  );
}
