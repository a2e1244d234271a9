// The demo's sign-in accounts: the director, every area lead, a trust's chief executive, a few
// headteachers, a system leader, an analyst and an admin, all with one published password. Only for the demo: a real deployment makes
// its first admin with `headway user add`.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Role } from '../auth/contract.ts';
import { hashPassword } from '../auth/secrets.ts';
import type { Db } from '../db/types.ts';
import { personName } from '../registry/sql.ts';

export const DEMO_PASSWORD = 'northmoor-demo';
export const DEMO_EMAIL_DOMAIN = 'northmoor.example';

export interface DemoAccount {
  email: string;
  name: string;
  person_id: number | null;
  /** Each role at an org unit or (org_group_id) at a trust. */
  grants: ({ role: Role; org_unit_id: number } | { role: Role; org_group_id: number })[];
}

interface PostHolder {
  person_id: number;
  name: string;
  org_unit_id: number;
  unit_code: string;
}

async function holders(db: Db, roles: string[], asOf: string): Promise<PostHolder[]> {
  const { rows } = await sql<PostHolder & { role: string }>`
    select p.person_id, ${personName('pe')} as name, p.org_unit_id, o.code as unit_code, p.role
    from post p join person pe on pe.id = p.person_id join org_unit o on o.id = p.org_unit_id
    where p.role = any(${roles}::text[]) and p.starts_on <= ${asOf} and (p.ends_on is null or p.ends_on > ${asOf})
    order by o.code, p.starts_on`.execute(db);
  return rows;
}

export async function demoAccounts(db: Db, asOf: string): Promise<DemoAccount[]> {
  const at = (email: string) => `${email}@${DEMO_EMAIL_DOMAIN}`;
  const authority = await db
    .selectFrom('org_unit')
    .select('id')
    .where('level', '=', 'authority')
    .executeTakeFirstOrThrow();
  const accounts: DemoAccount[] = [];
  for (const d of (await holders(db, ['director'], asOf)).slice(0, 1))
    accounts.push({
      email: at('director'),
      name: d.name,
      person_id: d.person_id,
      grants: [{ role: 'director', org_unit_id: d.org_unit_id }],
    });
  for (const lead of await holders(db, ['area_lead'], asOf))
    accounts.push({
      email: at(`lead.${lead.unit_code.toLowerCase()}`),
      name: lead.name,
      person_id: lead.person_id,
      grants: [{ role: 'area_lead', org_unit_id: lead.org_unit_id }],
    });
  // The chief executive of the first trust with schools: a director whose scope is the trust's schools.
  const trust = await db
    .selectFrom('org_group as g')
    .select(['g.id', 'g.code', 'g.name'])
    .where('g.kind', '=', 'trust')
    .where((eb) =>
      eb.exists(
        eb.selectFrom('org_group_member as m').select('m.group_id').whereRef('m.group_id', '=', 'g.id'),
      ),
    )
    .orderBy('g.code')
    .executeTakeFirst();
  if (trust)
    accounts.push({
      email: at(`ceo.${trust.code.toLowerCase()}`),
      name: `Chief executive, ${trust.name}`,
      person_id: null,
      grants: [{ role: 'director', org_group_id: trust.id }],
    });
  const heads = await holders(db, ['headteacher'], asOf);
  for (const head of heads.slice(0, 3))
    accounts.push({
      email: at(`head.${head.unit_code.toLowerCase()}`),
      name: head.name,
      person_id: head.person_id,
      grants: [{ role: 'headteacher', org_unit_id: head.org_unit_id }],
    });
  // A National Leader of Education deployed to two schools in other areas than the first heads'.
  const { rows: nle } = await sql<{ person_id: number; name: string }>`
    select d.person_id, ${personName('pe')} as name
    from designation d join person pe on pe.id = d.person_id
    where d.kind = 'nle' and d.starts_on <= ${asOf} and (d.ends_on is null or d.ends_on > ${asOf})
    order by pe.code limit 1`.execute(db);
  const supported = heads.slice(-2);
  if (nle[0] && supported.length)
    accounts.push({
      email: at('nle'),
      name: nle[0].name,
      person_id: nle[0].person_id,
      grants: supported.map((s) => ({ role: 'system_leader' as const, org_unit_id: s.org_unit_id })),
    });
  accounts.push(
    {
      email: at('analyst'),
      name: 'Data analyst',
      person_id: null,
      grants: [{ role: 'analyst', org_unit_id: authority.id }],
    },
    {
      email: at('admin'),
      name: 'Headway administrator',
      person_id: null,
      grants: [{ role: 'admin', org_unit_id: authority.id }],
    },
  );
  return accounts;
}

/** Writes the accounts (one argon2id hash of the published password serves them all). */
export async function writeDemoAccounts(db: Db, actor: Actor, accounts: DemoAccount[]): Promise<number> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const account of accounts) {
      await trx
        .insertInto('app_user')
        .values({
          email: account.email,
          name: account.name,
          person_id: account.person_id,
          password_hash: hash,
          password_set_at: new Date(),
        })
        .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
        .execute();
      const { id } = await trx
        .selectFrom('app_user')
        .select('id')
        .where(sql<boolean>`lower(email) = lower(${account.email})`)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('role_grant')
        .values(account.grants.map((g) => ({ user_id: id, ...g })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await recordAudit(trx, actor, 'add_demo_accounts', 'user', { accounts: accounts.map((a) => a.email) });
  });
  return accounts.length;
}
