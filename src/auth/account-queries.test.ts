// The accounts page's and the audit search's SQL as committed snapshots: a change to what the database
// runs shows in review as a diff of __snapshots__/*.sql. Compiled only, never run.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import {
  accountGrantsQuery,
  accountsQuery,
  auditCountQuery,
  auditEventsQuery,
  remainingAdminsQuery,
} from './account-queries.ts';

const db = compilingDb;

test('a page of accounts filtered by text, role, place and status', async () => {
  const query = accountsQuery(
    { q: 'lewis', role: 'area_lead', org_unit: 'A', status: 'active' },
    { limit: 50, offset: 0 },
  );
  await expect(sqlSnapshot(query.compile(db))).toMatchFileSnapshot('./__snapshots__/accounts.sql');
});

test("the page's roles with the names of the units they are held at", async () => {
  await expect(sqlSnapshot(accountGrantsQuery([1, 2]).compile(db))).toMatchFileSnapshot(
    './__snapshots__/account-grants.sql',
  );
});

test('the admins left without one grant', async () => {
  await expect(sqlSnapshot(remainingAdminsQuery({ grantId: 7 }).compile(db))).toMatchFileSnapshot(
    './__snapshots__/remaining-admins.sql',
  );
});

const everyFilter = {
  actor: 'admin@',
  action: 'add_user',
  entity: 'user',
  table: 'app_user',
  object_id: '42',
  q: 'north',
  from: '2026-11-01',
  to: '2026-11-30',
};

test('a page of audit events with every filter', async () => {
  await expect(
    sqlSnapshot(auditEventsQuery(everyFilter, { limit: 25, offset: 50 }).compile(db)),
  ).toMatchFileSnapshot('./__snapshots__/audit-events.sql');
});

test('the count of audit events with every filter', async () => {
  await expect(sqlSnapshot(auditCountQuery(everyFilter).compile(db))).toMatchFileSnapshot(
    './__snapshots__/audit-count.sql',
  );
});
