// Produces report files: an area's pack, or the director's overview with every area's pack, as HTML or PDF.
import type { Actor } from '../auth/actor.ts';
import type { Settings } from '../config.ts';
import type { Db } from '../db/types.ts';
import { renderAreaPack, renderAuthorityOverview } from './html.ts';
import { buildAreaPack, buildAuthorityOverview } from './pack.ts';
import { htmlToPdf } from './pdf.ts';

export type ReportFormat = 'html' | 'pdf';

export interface ReportFile {
  name: string;
  bytes: Buffer;
}

async function asFormat(
  pages: { name: string; html: string }[],
  format: ReportFormat,
): Promise<ReportFile[]> {
  if (format === 'html')
    return pages.map((p) => ({ name: `${p.name}.html`, bytes: Buffer.from(p.html, 'utf8') }));
  const pdfs = await htmlToPdf(pages.map((p) => p.html));
  return pages.map((p, i) => ({ name: `${p.name}.pdf`, bytes: pdfs[i] as Buffer }));
}

export async function areaReport(
  db: Db,
  actor: Actor,
  area: string,
  period: string,
  format: ReportFormat,
  settings: Settings,
  generatedOn: string,
): Promise<ReportFile> {
  const pack = await buildAreaPack(db, actor, area, period, settings, generatedOn);
  const [file] = await asFormat([{ name: `${area}-${period}`, html: renderAreaPack(pack) }], format);
  return file as ReportFile;
}

/** The director's overview (index) and every area's pack, in one run. */
export async function authorityReport(
  db: Db,
  actor: Actor,
  period: string,
  format: ReportFormat,
  settings: Settings,
  generatedOn: string,
  onArea?: (code: string) => void,
): Promise<ReportFile[]> {
  const overview = await buildAuthorityOverview(db, actor, period, settings, generatedOn);
  const pages = [{ name: 'index', html: renderAuthorityOverview(overview) }];
  for (const area of overview.areas) {
    onArea?.(area.code);
    // Every pack compares with the same authority figures: computed once per data version, shared.
    const pack = await buildAreaPack(db, actor, area.code, period, settings, generatedOn);
    pages.push({ name: area.code, html: renderAreaPack(pack) });
  }
  return asFormat(pages, format);
}
