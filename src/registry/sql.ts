// The registry's SQL fragments that every capability's queries compose: how a person's name is shown,
// and the units beneath a unit. Queries elsewhere join the registry's tables (the heavy passes stay in
// one statement), but say these things once, here.
import { type RawBuilder, sql } from 'kysely';

/** A person's name as Headway shows it ("Grace Lewis"), from the `person` row under this alias. */
export function personName(alias: string): RawBuilder<string> {
  return sql<string>`${sql.ref(`${alias}.given_name`)} || ' ' || ${sql.ref(`${alias}.family_name`)}`;
}

/**
 * A `with recursive` table `name(id)`: the units whose id the `roots` condition selects (a condition on
 * `org_unit`'s own columns, e.g. sql`code = ${code}`) and every unit beneath them, schools included.
 * Write it first after `with recursive`.
 */
export function unitsBeneath(name: string, roots: RawBuilder<unknown>): RawBuilder<unknown> {
  const table = sql.table(name);
  return sql`${table} (id) as (
      select id from org_unit where ${roots}
      union select o.id from org_unit o join ${table} b on o.parent_id = b.id
    )`;
}
