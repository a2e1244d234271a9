// For tests: an account with one role at one org unit, and an API token to call the app as it.
import type { Database } from '../db/connection.ts';
import type { Db } from '../db/types.ts';
import { buildApp } from '../server.ts';
import { operator, type Role } from './actor.ts';
import { createToken } from './tokens.ts';

let counter = 0;

export async function tokenFor(db: Db, role: Role, orgUnit: string, email?: string): Promise<string> {
  const address = email ?? `${role}.${orgUnit.toLowerCase()}.${++counter}@test.example`;
  const unit = await db
    .selectFrom('org_unit')
    .select('id')
    .where('code', '=', orgUnit)
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('app_user')
    .values({ email: address, name: address, person_id: null, password_hash: null, password_set_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('role_grant').values({ user_id: id, role, org_unit_id: unit.id }).execute();
  return (await createToken(db, operator('test'), address, 'test')).token;
}

/**
 * The HTTP app called as an account with one role at one org unit: `request` is app.request with the
 * token, `get` answers with the status and the JSON body.
 */
export async function apiAs(database: Database, role: Role, orgUnit: string) {
  const app = buildApp({ database, log: () => {} });
  const token = await tokenFor(database.db, role, orgUnit);
  const request = (path: string, init: RequestInit = {}) =>
    app.request(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
    });
  const get = async (path: string) => {
    const response = await request(path);
    return { status: response.status, body: await response.json() };
  };
  return { request, get };
}
