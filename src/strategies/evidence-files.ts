// Files as evidence on an action: its lead (and those above) attach a PDF, an image or an office
// document of at most 10 MB, its type told by its first bytes (a name can say anything); whoever may read
// the strategy lists and downloads them. Each upload and each download is audited.

import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { requireAction, requireActionUpdater } from './access.ts';
import type { EvidenceFile } from './evidence-files-contract.ts';
import { authorName } from './people.ts';

/** The largest evidence file: a scanned report or a slide deck, not a video. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** The file's type from its first bytes (and, for the zip-based office formats, its name); null when not one we keep. */
export function evidenceType(name: string, bytes: Uint8Array): string | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  // Word, Excel and PowerPoint (and OpenDocument) files are zip archives; the older ones OLE compound files.
  const office: Record<string, string> = {
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    odt: 'application/vnd.oasis.opendocument.text',
    ods: 'application/vnd.oasis.opendocument.spreadsheet',
    odp: 'application/vnd.oasis.opendocument.presentation',
  };
  const legacy: Record<string, string> = {
    doc: 'application/msword',
    xls: 'application/vnd.ms-excel',
    ppt: 'application/vnd.ms-powerpoint',
  };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && office[ext]) return office[ext];
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) && legacy[ext]) return legacy[ext];
  return null;
}

export async function addEvidenceFile(
  context: Context,
  actionId: number,
  file: { name: string; bytes: Uint8Array },
): Promise<number> {
  const facts = await requireAction(context, actionId);
  requireActionUpdater(context.actor, facts);
  const name = file.name.trim().replace(/[/\\]/g, '_').slice(0, 200);
  if (file.bytes.length === 0) throw new HeadwayError('invalid', `file: ${name || 'the file'} is empty`);
  if (file.bytes.length > MAX_EVIDENCE_BYTES)
    throw new HeadwayError(
      'invalid',
      `file: ${name} is ${(file.bytes.length / 1024 / 1024).toFixed(1)} MB; evidence files are at most 10 MB`,
    );
  const type = evidenceType(name, file.bytes);
  if (!type)
    throw new HeadwayError(
      'invalid',
      `file: ${name} is not a PDF, an image (PNG, JPEG, GIF) or an office document (Word, Excel, PowerPoint, OpenDocument)`,
    );
  return context.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('strategy_evidence_file')
      .values({
        action_id: actionId,
        name,
        content_type: type,
        size: file.bytes.length,
        bytes: Buffer.from(file.bytes),
        added_on: context.today,
        author: await authorName(context.db, context.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, context.actor, 'add_evidence_file', 'strategy', {
      action: actionId,
      id,
      name,
      content_type: type,
      size: file.bytes.length,
    });
    return id;
  });
}

/** The action's files, newest first, without their bytes. */
export async function evidenceFilesOf(context: Context, actionId: number): Promise<EvidenceFile[]> {
  await requireAction(context, actionId);
  return context.db
    .selectFrom('strategy_evidence_file')
    .select(['id', 'name', 'content_type', 'size', 'author'])
    .select((eb) => eb.fn<string>('to_char', [eb.ref('added_on'), eb.val('YYYY-MM-DD')]).as('added_on'))
    .where('action_id', '=', actionId)
    .orderBy('id', 'desc')
    .execute();
}

/** A file's bytes for whoever may read its action's strategy. */
export async function evidenceFile(
  context: Context,
  id: number,
): Promise<{ name: string; content_type: string; bytes: Buffer }> {
  const row = await context.db
    .selectFrom('strategy_evidence_file')
    .select(['action_id', 'name', 'content_type', 'bytes'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`Evidence file ${id}`);
  await requireAction(context, row.action_id);
  await recordAudit(context.db, context.actor, 'download_evidence_file', 'strategy', { id, name: row.name });
  return { name: row.name, content_type: row.content_type, bytes: row.bytes };
}
