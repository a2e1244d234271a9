// Produces report files: an area's pack, or the director's overview with every area's pack, as HTML or PDF.
import type { Context } from '../context.ts';
import { buildAreaPack } from '../dashboards/area-figures.ts';
import { buildAuthorityOverview } from '../dashboards/authority-figures.ts';
import { latestInspectionsUnder } from '../inspections/history.ts';
import { findSchools } from '../registry/directory.ts';
import type { ReportFormat } from './contract.ts';
import { renderAreaPack, renderAuthorityOverview, type SchoolLeader } from './html.ts';
import { leadershipSupply, renderLeadershipSupply } from './leadership-supply.ts';
import { htmlToPdf } from './pdf.ts';
import { areaStagesSection, authorityStagesSection } from './stages.ts';

export interface ReportFile {
  name: string;
  bytes: Buffer;
}

export async function asFormat(
  context: Context,
  pages: { name: string; html: string }[],
  format: ReportFormat,
): Promise<ReportFile[]> {
  if (format === 'html')
    return pages.map((p) => ({ name: `${p.name}.html`, bytes: Buffer.from(p.html, 'utf8') }));
  const pdfs = await htmlToPdf(
    pages.map((p) => p.html),
    context.settings.chromiumPath,
  );
  return pages.map((p, i) => ({ name: `${p.name}.pdf`, bytes: pdfs[i] as Buffer }));
}

/** The latest inspections at the period's end, or today for a period still running. */
const packInspections = (context: Context, area: string, periodEnd: string) =>
  latestInspectionsUnder(context, area, periodEnd < context.today ? periodEnd : context.today);

/** Each school's headteacher as the pack prints it: name and since when, or who covers, or vacant. */
async function leadersOf(context: Context, area: string): Promise<SchoolLeader[]> {
  const { schools } = await findSchools(context, { area, asOf: context.today, page: 1, pageSize: 10_000 });
  return schools.map((s) => ({
    code: s.code,
    headteacher:
      s.headship_status === 'vacant' || !s.headteacher
        ? 'No headteacher'
        : s.headship_status === 'covered'
          ? `${s.headteacher.name} (${s.headteacher.role.replace(/_/g, ' ')}, no substantive head)`
          : `${s.headteacher.name}, since ${s.headteacher.since}`,
  }));
}

export async function areaReport(
  context: Context,
  area: string,
  period: string,
  format: ReportFormat,
): Promise<ReportFile> {
  const pack = await buildAreaPack(context, area, period);
  const html = renderAreaPack(pack, {
    leaders: await leadersOf(context, area),
    inspections: await packInspections(context, area, pack.period.end),
    stages: await areaStagesSection(context, area),
  });
  const [file] = await asFormat(context, [{ name: `${area}-${period}`, html }], format);
  return file as ReportFile;
}

/** The director's overview (index) and every area's pack, in one run. */
export async function authorityReport(
  context: Context,
  period: string,
  format: ReportFormat,
  onArea?: (code: string) => void,
): Promise<ReportFile[]> {
  const overview = await buildAuthorityOverview(context, period);
  const supply = renderLeadershipSupply(await leadershipSupply(context, overview));
  const stages = await authorityStagesSection(context);
  const pages = [{ name: 'index', html: renderAuthorityOverview(overview, `${supply}${stages}`) }];
  for (const area of overview.areas) {
    onArea?.(area.code);
    // Every pack compares with the same authority figures: computed once per data version, shared.
    const pack = await buildAreaPack(context, area.code, period);
    const html = renderAreaPack(pack, {
      leaders: await leadersOf(context, area.code),
      inspections: await packInspections(context, area.code, pack.period.end),
      stages: await areaStagesSection(context, area.code),
    });
    pages.push({ name: area.code, html });
  }
  return asFormat(context, pages, format);
}
