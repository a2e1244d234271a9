// Which units a challenge reaches: the units it affects and every unit above them. Who may see a
// challenge, which area it counts under and which recurring problem's areas it adds to all follow it.
import { sql } from 'kysely';

/** A `with recursive` table `reach(challenge_id, id)`: write it first after `with recursive`. */
export const challengeReach = sql`reach (challenge_id, id) as (
      select challenge_id, org_unit_id from challenge_unit
      union select r.challenge_id, o.parent_id from reach r join org_unit o on o.id = r.id where o.parent_id is not null
    )`;
