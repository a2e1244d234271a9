// The skills heat map: mean rating per competency by area or programme cohort (validated, else the self
// rating, and each cell says how many of its leaders are validated), small cells suppressed; each cell
// shows its value and count, its shade only repeats them (the legend says how). Filters in the address;
// the same figures download as a workbook. Below, an area's weakest competencies and what to commission.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../src/contract.ts';
import type { leaderRoles } from '../../../src/skills/contract.ts';
import type { HeatmapCell, heatmapRoute } from '../../../src/skills/heatmap-contract.ts';
import { getJson } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useUrlState } from '../useUrlState.ts';
import { AreaRecommendations } from './AreaRecommendations.tsx';
import { AuditChoice, SkillsNav } from './labels.tsx';

const bands = [
  { below: 2, label: 'below 2: emerging', className: 'skill-band-1', background: '#f8d7da' },
  { below: 2.5, label: '2 to 2.49', className: 'skill-band-2', background: '#fde9c8' },
  { below: 3, label: '2.5 to 2.99', className: 'skill-band-3', background: '#fff8c5' },
  { below: 5, label: '3 and above: secure or leading', className: 'skill-band-4', background: '#d4edda' },
];
const bandOf = (mean: number) => bands.find((b) => mean < b.below) ?? bands[3];

const roleLabels: Record<(typeof leaderRoles)[number], string> = {
  headteacher: 'Heads',
  deputy_headteacher: 'Deputies',
  assistant_headteacher: 'Assistant heads',
};

function Cell({ cell, minCell }: { cell: HeatmapCell; minCell: number }) {
  if (cell.leaders === 0) return <td className="number">—</td>;
  if (cell.mean === null)
    return (
      <td className="number" data-testid={`cell-${cell.competency}`}>
        <span title={`Fewer than ${minCell} leaders`}>suppressed</span>
        <br />
        <small>n={cell.leaders}</small>
      </td>
    );
  const selfOnly = cell.leaders - cell.validated;
  return (
    <td
      className="number"
      style={{ background: bandOf(cell.mean)?.background, color: '#111' }}
      data-testid={`cell-${cell.competency}`}
    >
      <strong>{cell.mean.toFixed(2)}</strong>
      <br />
      <small>
        n={cell.leaders}
        {selfOnly > 0 && `, ${selfOnly} self`}
      </small>
    </td>
  );
}

export function HeatmapPage() {
  const [filter, setFilter] = useUrlState({ audit: '', by: 'area', role: '', area: '' });
  const params = new URLSearchParams({ by: filter.by });
  if (filter.audit) params.set('audit', filter.audit);
  if (filter.role) params.set('role', filter.role);
  const map = useQuery({
    queryKey: ['skill-heatmap', params.toString()],
    queryFn: () => getJson<Answer<typeof heatmapRoute>>(`/api/v1/skills/heatmap?${params}`),
  });
  const data = map.data;
  return (
    <>
      <h1>Leadership skills audit</h1>
      <SkillsNav />
      <p>
        Each cell is the mean rating of the leaders in the {filter.by === 'area' ? 'area' : 'cohort'} on a
        competency, from 1 (emerging) to 4 (leading): the validated rating where one is recorded, and the
        leader’s own rating where it is not yet (“self” counts those). Cells of fewer than{' '}
        {data?.min_cell ?? 'N'} leaders are suppressed, so no one’s rating can be read from them.
      </p>
      <div className="filters">
        <AuditChoice value={filter.audit} onChange={(audit) => setFilter({ audit })} />
        <Choice
          label="Rows"
          value={filter.by}
          onChange={(by) => setFilter({ by })}
          options={[
            { value: 'area', label: 'Areas' },
            { value: 'cohort', label: 'Programme cohorts' },
          ]}
        />
        <Choice
          label="Leaders"
          value={filter.role}
          onChange={(role) => setFilter({ role })}
          options={Object.entries(roleLabels).map(([value, label]) => ({ value, label }))}
          empty="heads and deputies"
        />
        <a href={`/api/v1/skills/heatmap/workbook?${params}`} download>
          Download (xlsx)
        </a>
      </div>
      {map.isError && <Problem error={map.error} />}
      {data && !data.audit && <p>No skills audit has opened yet.</p>}
      {data?.audit && (
        <>
          <p>
            {data.audit.name}, {data.audit.opens_on} to {data.audit.closes_on}
            {data.audit.open ? ' (open)' : ''}: {data.audit.leaders} leaders, {data.audit.self_rated} rated
            themselves on every competency, {data.audit.validated} validated on every one.
          </p>
          {data.rows.length === 0 ? (
            <p>No ratings {filter.by === 'cohort' ? 'of cohort participants ' : ''}yet.</p>
          ) : (
            <Scroll label="Heat map">
              <table className="grid" data-testid="heatmap">
                <caption>
                  Mean rating by {filter.by === 'area' ? 'area' : 'programme cohort'} and competency
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{filter.by === 'area' ? 'Area' : 'Cohort'}</th>
                    {data.competencies.map((c) => (
                      <th scope="col" key={c.code} className="number">
                        {c.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.code} data-testid={`row-${row.code}`}>
                      <th scope="row">{row.name}</th>
                      {row.cells.map((cell) => (
                        <Cell key={cell.competency} cell={cell} minCell={data.min_cell} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          )}
          <ul className="legend" aria-label="Legend" style={{ listStyle: 'none', padding: 0 }}>
            {bands.map((b) => (
              <li key={b.className}>
                <span
                  aria-hidden="true"
                  style={{
                    background: b.background,
                    display: 'inline-block',
                    width: '1.5em',
                    border: '1px solid #666',
                  }}
                >
                  &nbsp;
                </span>{' '}
                {b.label}
              </li>
            ))}
            <li>n: leaders behind the cell; “self”: of those, rated by themselves only so far</li>
          </ul>
          {filter.by === 'area' && (
            <AreaRecommendations
              audit={filter.audit}
              areas={data.rows.filter((r) => r.code !== 'all')}
              area={filter.area}
              onArea={(area) => setFilter({ area })}
            />
          )}
        </>
      )}
    </>
  );
}
