// People to enrol, found by part of a name or code: anyone with a post held today at a school the caller
// sees (every school for the whole authority), their best post first, twenty at most.
import { sql } from 'kysely';
import { requirePermission, visibleUnits } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { personName } from '../registry/sql.ts';
import type { EnrolablePerson, PeopleQuery } from './people-contract.ts';

export async function enrolablePeople(
  context: Context,
  query: PeopleQuery,
): Promise<{ people: EnrolablePerson[] }> {
  requirePermission(context.actor, 'programmes:write');
  const units = visibleUnits(context.actor);
  const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await sql<EnrolablePerson>`
    select distinct on (pe.id) pe.code,
      ${personName('pe')} || ', ' || replace(po.role, '_', ' ') || ', ' || o.name as name,
      o.code as school, o.name as school_name, po.role
    from person pe
    join post po on po.person_id = pe.id and po.starts_on <= ${context.today}::date
      and (po.ends_on is null or po.ends_on > ${context.today}::date)
    join school s on s.org_unit_id = po.org_unit_id
    join org_unit o on o.id = po.org_unit_id
    where (${personName('pe')} ilike ${like} or pe.code ilike ${like})
      and (${units}::text[] is null or o.code = any(${units}::text[]))
    order by pe.id,
      case po.role when 'deputy_headteacher' then 0 when 'assistant_headteacher' then 1 else 2 end, po.starts_on desc
    limit 20`.execute(context.db);
  return { people: rows.sort((a, b) => a.name.localeCompare(b.name)) };
}
