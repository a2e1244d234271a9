// The scatter IIEP draws: each school a point, pupils across and teachers up, the norm as a line
// (teachers = pupils / the maximum ratio, and the minimum as a floor). Schools above the maximum ratio
// are triangles, the others circles, so the mark does not rest on colour; a summary and a table say the
// same for those who do not see the chart.
import type { Answer } from '../../../src/contract.ts';
import type { scatterRoute } from '../../../src/teachers/contract.ts';
import { Scroll } from '../Scroll.tsx';

type ScatterAnswer = Answer<typeof scatterRoute>;

export function TeacherScatter({ scatter, place }: { scatter: ScatterAnswer; place: string }) {
  const points = scatter.points;
  const [w, h, left, bottom, top, right] = [520, 320, 44, 36, 10, 28];
  const maxPupils = Math.max(100, ...points.map((p) => p.pupils));
  const maxTeachers = Math.max(
    4,
    ...points.map((p) => p.teachers),
    scatter.max_ratio ? maxPupils / scatter.max_ratio : 0,
  );
  const x = (v: number) => left + (v * (w - left - right)) / maxPupils;
  const y = (v: number) => h - bottom - (v * (h - top - bottom)) / maxTeachers;
  const above = points.filter((p) => p.above).length;
  const summary = `${points.length} schools in ${place}, pupils against teachers: ${above} above the maximum ratio${
    scatter.max_ratio ? ` of ${scatter.max_ratio} pupils a teacher` : ''
  }${scatter.randomness === null ? '' : `; degree of randomness ${scatter.randomness.toFixed(2)}`}.`;
  const norm = scatter.max_ratio;
  const floor = scatter.min_teachers ?? 0;
  // The norm: the minimum up to the pupils it covers, then pupils / ratio.
  const normLine = norm
    ? [
        [0, floor],
        [floor * norm, floor],
        [maxPupils, Math.max(floor, maxPupils / norm)],
      ]
        .map(([p, t]) => `${x(p as number)},${y(t as number)}`)
        .join(' ')
    : null;
  const ticks = (max: number) => [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * max));
  return (
    <figure className="chart" data-testid="teacher-scatter">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={summary}>
        <line x1={left} x2={w - right} y1={y(0)} y2={y(0)} stroke="#767676" />
        <line x1={left} x2={left} y1={top} y2={y(0)} stroke="#767676" />
        {ticks(maxPupils).map((v) => (
          <text key={`x${v}`} x={x(v)} y={h - bottom + 14} textAnchor="middle" fontSize="11">
            {v}
          </text>
        ))}
        {ticks(maxTeachers).map((v) => (
          <text key={`y${v}`} x={left - 4} y={y(v) + 4} textAnchor="end" fontSize="11">
            {v}
          </text>
        ))}
        <text x={(w + left) / 2} y={h - 4} textAnchor="middle" fontSize="12">
          Pupils
        </text>
        <text
          x={12}
          y={(h - bottom + top) / 2}
          textAnchor="middle"
          fontSize="12"
          transform={`rotate(-90 12 ${(h - bottom + top) / 2})`}
        >
          Teachers
        </text>
        {normLine && (
          <polyline points={normLine} fill="none" stroke="#1d4f91" strokeWidth="2" strokeDasharray="6 4" />
        )}
        {points.map((p) =>
          p.above ? (
            <polygon
              key={p.code}
              data-above="true"
              className="point"
              points={`${x(p.pupils)},${y(p.teachers) - 5} ${x(p.pupils) - 4.5},${y(p.teachers) + 3.5} ${x(p.pupils) + 4.5},${y(p.teachers) + 3.5}`}
              fill="#a3321f"
            >
              <title>{`${p.name}: ${p.pupils} pupils, ${p.teachers} teachers (above the maximum)`}</title>
            </polygon>
          ) : (
            <circle
              key={p.code}
              className="point"
              cx={x(p.pupils)}
              cy={y(p.teachers)}
              r="3.5"
              fill="none"
              stroke="#2b6a3d"
              strokeWidth="1.5"
            >
              <title>{`${p.name}: ${p.pupils} pupils, ${p.teachers} teachers`}</title>
            </circle>
          ),
        )}
      </svg>
      <figcaption>
        {summary} Circles: within the norm; triangles: above the maximum ratio; dashed line: the teachers the
        norm requires{norm ? ` (pupils / ${norm}, at least ${floor})` : ''}.
      </figcaption>
      <details>
        <summary>The points as a table</summary>
        <Scroll label="Schools' pupils and teachers">
          <table>
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col" className="number">
                  Pupils
                </th>
                <th scope="col" className="number">
                  Teachers
                </th>
                <th scope="col" className="number">
                  Required
                </th>
                <th scope="col">Above the maximum</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.code}>
                  <td>{p.name}</td>
                  <td className="number">{p.pupils}</td>
                  <td className="number">{p.teachers}</td>
                  <td className="number">{p.required}</td>
                  <td>{p.above ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </details>
    </figure>
  );
}
