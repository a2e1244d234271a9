// With DATABASE_URL set, the suite runs against that PostgreSQL server: make the migrated template once.
import { createServerTemplate, dropServerTemplate } from '../src/db/testing.ts';

export async function setup() {
  if (process.env.DATABASE_URL) await createServerTemplate();
}

export async function teardown() {
  if (process.env.DATABASE_URL) await dropServerTemplate();
}
