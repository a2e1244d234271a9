// The suite runs against DATABASE_URL's server when it is set, and otherwise against an embedded
// PostgreSQL cluster started here in a temporary folder; either way the migrated template is made once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EmbeddedCluster, startCluster } from '../src/db/embedded.ts';
import { createServerTemplate, dropServerTemplate } from '../src/db/testing.ts';

let cluster: EmbeddedCluster | undefined;
let folder: string | undefined;

export async function setup() {
  if (!process.env.DATABASE_URL) {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-test-pg-'));
    fs.chmodSync(folder, 0o755);
    cluster = await startCluster(path.join(folder, 'data'));
    // Test workers are started after this, and inherit it.
    process.env.DATABASE_URL = cluster.url;
    process.env.HEADWAY_TEST_ENGINE = 'embedded';
  }
  await createServerTemplate();
}

export async function teardown() {
  await dropServerTemplate();
  if (cluster) await cluster.stop();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
}
