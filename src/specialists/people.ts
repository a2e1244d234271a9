// People to record as specialists, found by part of a name or code: anyone holding a post today at a
// school the caller may record at, each named with their post and school. Someone with no post (a
// network manager the registry does not hold) is recorded as a new person instead.
import { sql } from 'kysely';
import { requirePermission, visibleUnits } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { personName } from '../registry/sql.ts';
import type { SpecialistCandidate, SpecialistPeopleQuery } from './contract.ts';

export async function specialistCandidates(
  context: Context,
  query: SpecialistPeopleQuery,
): Promise<{ people: SpecialistCandidate[] }> {
  requirePermission(context.actor, 'brokering:write');
  const units = visibleUnits(context.actor);
  const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await sql<SpecialistCandidate>`
    select distinct on (pe.id) pe.code,
      ${personName('pe')} || ', ' || replace(po.role, '_', ' ') || ', ' || o.name as name, o.code as school
    from person pe
    join post po on po.person_id = pe.id and po.starts_on <= ${context.today}::date
      and (po.ends_on is null or po.ends_on >= ${context.today}::date)
    join org_unit o on o.id = po.org_unit_id and o.level = 'school'
    where (${personName('pe')} ilike ${like} or pe.code ilike ${like})
      and (${units}::text[] is null or o.code = any(${units}::text[]))
    order by pe.id, po.starts_on desc
    limit 20`.execute(context.db);
  return { people: rows.sort((a, b) => a.name.localeCompare(b.name)) };
}
