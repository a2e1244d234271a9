// The heat map: mean rating per competency by area or programme cohort, for every role as aggregates.
// The mean is of the validated rating where there is one and the self rating otherwise, and each cell
// says how many of its leaders are validated; a cell of fewer leaders than the minimum
// (HEADWAY_SKILLS_MIN_CELL) shows its count but not its mean. Areas are those the caller may compare with.
import { canCompareWith, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { writeWorkbook } from '../tabular/write.ts';
import { findAudit } from './audits.ts';
import type { Heatmap, HeatmapCell, HeatmapQuery } from './heatmap-contract.ts';
import { heatmapQuery } from './queries.ts';

/** N: a cell of fewer leaders is suppressed. */
const minCell = (context: Context) => context.settings.skillsMinCell ?? 3;

export async function heatmap(context: Context, query: HeatmapQuery): Promise<Heatmap> {
  const { actor, db } = context;
  requirePermission(actor, 'kpi:read');
  const audit = await findAudit(context, query.audit);
  const competencies = await db
    .selectFrom('competency')
    .select(['code', 'name'])
    .where('retired_on', 'is', null)
    .orderBy('position')
    .orderBy('code')
    .execute();
  const n = minCell(context);
  const base = { by: query.by, role: query.role ?? null, min_cell: n, competencies };
  if (!audit) return { ...base, audit: null, rows: [] };
  const { rows } = await heatmapQuery(audit.id, query.by, query.role ?? null).execute(db);
  const groups = new Map<string, { name: string; cells: Map<string, (typeof rows)[number]> }>();
  for (const row of rows) {
    if (query.by === 'area' && row.group_code !== 'all' && !canCompareWith(actor, row.group_code)) continue;
    const group = groups.get(row.group_code) ?? { name: row.group_name, cells: new Map() };
    group.cells.set(row.competency, row);
    groups.set(row.group_code, group);
  }
  const { id: _, ...summary } = audit;
  return {
    ...base,
    audit: summary,
    rows: [...groups].map(([code, group]) => ({
      code,
      name: group.name,
      cells: competencies.map(({ code: competency }): HeatmapCell => {
        const cell = group.cells.get(competency);
        const leaders = cell?.leaders ?? 0;
        const suppressed = leaders < n;
        return {
          competency,
          leaders,
          validated: cell?.validated ?? 0,
          mean: suppressed || !cell ? null : Math.round(cell.mean * 100) / 100,
          suppressed,
        };
      }),
    })),
  };
}

export async function heatmapWorkbook(context: Context, query: HeatmapQuery): Promise<Uint8Array> {
  const map = await heatmap(context, query);
  const names = new Map(map.competencies.map((c) => [c.code, c.name]));
  return writeWorkbook([
    {
      name: 'Heat map',
      columns: [
        'audit',
        'group',
        'group_name',
        'competency',
        'competency_name',
        'leaders',
        'validated',
        'mean',
        'suppressed',
      ],
      rows: map.rows.flatMap((row) =>
        row.cells.map((cell) => ({
          audit: map.audit?.code ?? '',
          group: row.code,
          group_name: row.name,
          competency: cell.competency,
          competency_name: names.get(cell.competency) ?? '',
          leaders: cell.leaders,
          validated: cell.validated,
          mean: cell.mean,
          suppressed: cell.suppressed ? 'yes' : 'no',
        })),
      ),
    },
  ]);
}
