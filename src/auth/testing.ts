// For tests: an account with one role at one org unit, and an API token to call the app as it.

import type { Settings } from '../config.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import type { Db } from '../db/types.ts';
import { buildApp } from '../server.ts';
import { operator } from './actor.ts';
import type { Role } from './contract.ts';
import { createToken } from './tokens.ts';

let counter = 0;

/** `orgUnit`: an org unit's code, or a trust's or federation's. `person`: the registry person's code the account belongs to (whose challenges and actions are "mine"). */
export async function tokenFor(db: Db, role: Role, orgUnit: string, person?: string): Promise<string> {
  const address = `${role}.${orgUnit.toLowerCase()}.${++counter}@test.example`;
  const personRow = person
    ? await db.selectFrom('person').select('id').where('code', '=', person).executeTakeFirstOrThrow()
    : null;
  // A code that is not an org unit's is a trust's or federation's: the role is held at the group.
  const unit = await db.selectFrom('org_unit').select('id').where('code', '=', orgUnit).executeTakeFirst();
  const group = unit
    ? undefined
    : await db.selectFrom('org_group').select('id').where('code', '=', orgUnit).executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('app_user')
    .values({
      email: address,
      name: address,
      person_id: personRow?.id ?? null,
      password_hash: null,
      password_set_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('role_grant')
    .values({ user_id: id, role, org_unit_id: unit?.id ?? null, org_group_id: group?.id ?? null })
    .execute();
  return (await createToken(contextFor(db, operator('test')), { email: address, name: 'test' })).token;
}

/**
 * The HTTP app called as an account with one role at one org unit: `request` is app.request with the
 * token, `get` answers with the status and the JSON body.
 */
export async function apiAs(
  database: Database,
  role: Role,
  orgUnit: string,
  person?: string,
  settings?: Settings,
) {
  const app = buildApp({ database, settings, log: () => {} });
  const token = await tokenFor(database.db, role, orgUnit, person);
  const request = (path: string, init: RequestInit = {}) =>
    app.request(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
    });
  const get = async (path: string) => {
    const response = await request(path);
    return { status: response.status, body: await response.json() };
  };
  /** A JSON request (POST, PATCH, PUT, DELETE) answered with the status and the JSON body, if any. */
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return { request, get, send };
}
