// The registry's import and export kinds: each kind's importer and the query that exports it in
// exactly the import format, so a file exported and re-imported changes nothing.
import { sql } from 'kysely';
import type { ExchangeKind } from '../tabular/exchange-kind.ts';
import { orgUnitImporter } from './import-org-units.ts';
import { designationImporter, personImporter, postImporter } from './import-people.ts';
import { schoolImporter } from './import-schools.ts';

export const registryKinds: Record<string, ExchangeKind> = {
  'org-units': {
    importer: orgUnitImporter,
    permission: 'registry',
    exportQuery: sql`
      select o.code, o.name, o.level, p.code as parent_code
      from org_unit o left join org_unit p on p.id = o.parent_id
      where o.level <> 'school'
      order by case o.level when 'authority' then 0 when 'area' then 1 else 2 end, o.code`,
  },
  schools: {
    importer: schoolImporter,
    permission: 'registry',
    exportQuery: sql`
      select o.code, o.name, s.phase, s.type,
        case when p.level = 'area' then p.code else a.code end as area_code,
        case when p.level = 'cluster' then p.code end as cluster_code,
        t.code as trust_code, t.name as trust_name, f.code as federation_code, f.name as federation_name, s.urn, s.opened_on, s.closed_on, s.capacity, s.latitude, s.longitude
      from school s
      join org_unit o on o.id = s.org_unit_id
      join org_unit p on p.id = o.parent_id
      left join org_unit a on a.id = p.parent_id
      left join org_group_member m on m.org_unit_id = o.id and m.group_id in (select id from org_group where kind = 'trust')
      left join org_group t on t.id = m.group_id
      left join org_group_member fm on fm.org_unit_id = o.id and fm.group_id in (select id from org_group where kind = 'federation')
      left join org_group f on f.id = fm.group_id
      order by o.code`,
  },
  people: {
    importer: personImporter,
    permission: 'registry',
    exportQuery: sql`select code, given_name, family_name, email from person order by code`,
  },
  posts: {
    importer: postImporter,
    permission: 'registry',
    exportQuery: sql`
      select pe.code as person_code, o.code as org_unit_code, po.role, po.starts_on, po.ends_on, po.fte
      from post po join person pe on pe.id = po.person_id join org_unit o on o.id = po.org_unit_id
      order by pe.code, po.starts_on, o.code, po.role`,
  },
  designations: {
    importer: designationImporter,
    permission: 'registry',
    exportQuery: sql`
      select pe.code as person_code, d.kind, d.starts_on, d.ends_on, d.days_per_year, d.accredited_on
      from designation d join person pe on pe.id = d.person_id
      order by pe.code, d.starts_on, d.kind`,
  },
};
