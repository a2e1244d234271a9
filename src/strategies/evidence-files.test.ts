// Evidence files on an action against the tiny authority: the action's lead attaches a PDF; a file too
// big, empty or of a type not kept (told by its bytes, not its name) is refused by name; whoever may read
// the strategy downloads the same bytes; another area's lead does not see it; a head who leads nothing
// here may not attach; uploads and downloads are audited.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { evidenceType, MAX_EVIDENCE_BYTES } from './evidence-files.ts';
import { loadStrategyPeople } from './test-fixtures.ts';

let database: Database;
let as: Awaited<ReturnType<typeof loadStrategyPeople>>;
const api = '/api/v1/strategies';
let action = 0;

beforeAll(async () => {
  database = await freshDatabase();
  as = await loadStrategyPeople(database);
  await as.director.send('POST', api, { code: 'AREA', name: 'Area A plan', scope: 'A', lead: 'P2' });
  const strand = await as.director.send('POST', `${api}/AREA/strands`, {
    code: 'S1',
    name: 'Succession',
    lead: 'P2',
  });
  const created = await as.director.send('POST', `${api}/strands/${strand.body.id}/actions`, {
    code: '1.1',
    title: 'Deputies programme',
    lead: 'P4',
  });
  action = created.body.id;
}, 120_000);
afterAll(() => database?.close());

const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function attach(caller: typeof as.director, name: string, bytes: Uint8Array) {
  const form = new FormData();
  form.set('file', new File([Uint8Array.from(bytes)], name));
  const response = await caller.request(`${api}/actions/${action}/files`, { method: 'POST', body: form });
  return { status: response.status, body: await response.json() };
}

describe('evidence files', () => {
  test('the action’s lead attaches a PDF; a reader in scope lists and downloads the same bytes', async () => {
    const added = await attach(as.headS1, 'Cohort report.pdf', pdf);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const list = await as.leadA.get(`${api}/actions/${action}/files`);
    expect(list.body.files).toEqual([
      expect.objectContaining({
        name: 'Cohort report.pdf',
        content_type: 'application/pdf',
        size: pdf.length,
        author: expect.any(String),
      }),
    ]);
    const download = await as.leadA.request(`${api}/files/${added.body.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain('Cohort report.pdf');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    const audit = await database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'in', ['add_evidence_file', 'download_evidence_file'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['add_evidence_file', 'download_evidence_file']);
  });

  test('refused by name: too big, empty, a program renamed .pdf; nothing is kept', async () => {
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set(pdf);
    expect((await attach(as.headS1, 'scan.pdf', big)).body.error.message).toBe(
      'file: scan.pdf is 10.0 MB; evidence files are at most 10 MB',
    );
    expect((await attach(as.headS1, 'empty.pdf', new Uint8Array())).status).toBe(400);
    const program = await attach(as.headS1, 'report.pdf', new Uint8Array([0x4d, 0x5a, 0x90, 0x00]));
    expect(program.status).toBe(400);
    expect(program.body.error.message).toContain('report.pdf is not a PDF, an image');
    expect((await as.director.get(`${api}/actions/${action}/files`)).body.files).toHaveLength(1);
  });

  test('another area’s lead sees neither the files nor the file; a head who leads nothing here may not attach', async () => {
    const [file] = (await as.director.get(`${api}/actions/${action}/files`)).body.files;
    expect((await as.leadB.get(`${api}/actions/${action}/files`)).status).toBe(404);
    expect((await as.leadB.request(`${api}/files/${file.id}`)).status).toBe(404);
    expect((await attach(as.headS3, 'mine.pdf', pdf)).status).toBe(404);
    expect((await attach(as.leadA, 'lead.pdf', pdf)).status).toBe(201);
  });

  test('types are told by content: office documents by their archive and name, images by their signature', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]);
    expect(evidenceType('plan.docx', zip)).toContain('wordprocessingml');
    expect(evidenceType('plan.zip', zip)).toBeNull();
    expect(evidenceType('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(evidenceType('photo.png', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  });
});
