// The board rules said once in SQL, for the board list, the board page and the KPI totals alike.
import { type RawBuilder, sql } from 'kysely';

/** Governor `g` serves on `day`: appointed by then, term not ended, not resigned. */
export const serving = (g: string, day: RawBuilder<unknown>) =>
  sql<boolean>`(${sql.ref(`${g}.appointed_on`)} <= ${day} and ${sql.ref(`${g}.term_ends_on`)} >= ${day}
    and (${sql.ref(`${g}.resigned_on`)} is null or ${sql.ref(`${g}.resigned_on`)} > ${day}))`;

/** Attendance `t` at course `c` still counts on `day` (a course with no renewal counts for good). */
export const current = (t: string, c: string, day: RawBuilder<unknown>) =>
  sql<boolean>`(${sql.ref(`${t}.attended_on`)} <= ${day} and (${sql.ref(`${c}.renew_months`)} is null
    or ${sql.ref(`${t}.attended_on`)} + make_interval(months => ${sql.ref(`${c}.renew_months`)}) > ${day}))`;

/** Governor `g` holds every mandatory course, in date, on `day`. */
export const trained = (g: string, day: RawBuilder<unknown>) =>
  sql<boolean>`not exists (select 1 from governance_course mc where mc.mandatory and not exists (
    select 1 from governor_training mt where mt.governor_id = ${sql.ref(`${g}.id`)} and mt.course_code = mc.code
      and ${current('mt', 'mc', day)}))`;

/** The places of board `b` with no serving member on `day`, summed over categories (an over-full category fills no other). */
export const vacancies = (b: RawBuilder<unknown>, day: RawBuilder<unknown>) =>
  sql<number>`(select coalesce(sum(greatest(vp.places - (select count(*) from governor vg
    where vg.board_id = vp.board_id and vg.category = vp.category and ${serving('vg', day)}), 0)), 0)::int
    from governing_board_place vp where vp.board_id = ${b})`;
