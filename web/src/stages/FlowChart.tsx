// The movement between stages as a flow chart: one column per term's end, each stage a block named with
// its count (so no stage is told by colour alone), and bands between consecutive terms as wide as the
// schools that moved (or stayed). Each band says itself in its title; the tables below are the same
// figures for those who cannot see the chart.
import type { StageMovement } from '../../../src/stages/contract.ts';

const COLUMN = 190;
const BLOCK = 14;
const HEIGHT = 320;
const GAP = 8;
/** Journey order: intensive support dark red to leading dark green, each also named in its block. */
const colours = ['#9b2c2c', '#c05621', '#2b6cb0', '#2f855a', '#22543d', '#553c9a', '#4a5568'];

export function FlowChart({ movement }: { movement: StageMovement }) {
  const { terms, stages, counts, flows } = movement;
  const count = (term: string, stage: string) =>
    counts.find((c) => c.term === term && c.stage === stage)?.schools ?? 0;
  const largest = Math.max(1, ...terms.map((t) => stages.reduce((sum, s) => sum + count(t, s.code), 0)));
  const scale = (HEIGHT - GAP * (stages.length - 1)) / largest;
  // Each block's top, per term and stage.
  const tops = new Map<string, number>();
  for (const term of terms) {
    let y = 0;
    for (const s of stages) {
      tops.set(`${term} ${s.code}`, y);
      y += count(term, s.code) * scale + GAP;
    }
  }
  const out = new Map<string, number>();
  const into = new Map<string, number>();
  const bands = flows.map((f) => {
    const x0 = terms.indexOf(f.from_term) * COLUMN + 120 + BLOCK;
    const x1 = terms.indexOf(f.to_term) * COLUMN + 120;
    const fromKey = `${f.from_term} ${f.from_stage}`;
    const toKey = `${f.to_term} ${f.to_stage}`;
    const y0 = (tops.get(fromKey) ?? 0) + (out.get(fromKey) ?? 0);
    const y1 = (tops.get(toKey) ?? 0) + (into.get(toKey) ?? 0);
    const h = f.schools * scale;
    out.set(fromKey, (out.get(fromKey) ?? 0) + h);
    into.set(toKey, (into.get(toKey) ?? 0) + h);
    const mid = (x0 + x1) / 2;
    const from = stages.findIndex((s) => s.code === f.from_stage);
    const name = (code: string) => stages.find((s) => s.code === code)?.name ?? code;
    return {
      key: `${f.from_term} ${f.from_stage} ${f.to_stage}`,
      d: `M${x0},${y0} C${mid},${y0} ${mid},${y1} ${x1},${y1} L${x1},${y1 + h} C${mid},${y1 + h} ${mid},${y0 + h} ${x0},${y0 + h} Z`,
      colour: colours[from] ?? '#4a5568',
      title: `${f.from_term} to ${f.to_term}: ${f.schools} ${f.schools === 1 ? 'school' : 'schools'} ${f.from_stage === f.to_stage ? `stayed ${name(f.from_stage)}` : `${name(f.from_stage)} → ${name(f.to_stage)}`}`,
    };
  });
  const width = (terms.length - 1) * COLUMN + 120 + BLOCK + 110;
  return (
    <svg
      className="flow-chart"
      // Never narrower than its labels can be read at: on a phone it scrolls within its region instead.
      style={{ minWidth: width }}
      viewBox={`-4 -24 ${width} ${HEIGHT + 32}`}
      role="img"
      aria-label={`Flow chart of schools between stages over ${terms.join(', ')}; the tables below give the same figures`}
      data-testid="flow-chart"
    >
      {terms.map((term, i) => (
        <text
          key={term}
          x={i * COLUMN + 120 + BLOCK / 2}
          y={-10}
          textAnchor="middle"
          fontSize="12"
          fontWeight="bold"
        >
          {term}
        </text>
      ))}
      {bands.map((b) => (
        <path key={b.key} d={b.d} fill={b.colour} fillOpacity={0.28} stroke={b.colour} strokeOpacity={0.5}>
          <title>{b.title}</title>
        </path>
      ))}
      {terms.map((term, i) =>
        stages.map((s, k) => {
          const n = count(term, s.code);
          if (n === 0) return null;
          const y = tops.get(`${term} ${s.code}`) ?? 0;
          const x = i * COLUMN + 120;
          const first = i === 0;
          return (
            <g key={`${term} ${s.code}`}>
              <rect x={x} y={y} width={BLOCK} height={Math.max(1, n * scale)} fill={colours[k] ?? '#4a5568'}>
                <title>{`${term}: ${n} ${s.name}`}</title>
              </rect>
              <text
                x={first ? x - 4 : x + BLOCK + 4}
                y={y + Math.max(1, n * scale) / 2 + 4}
                textAnchor={first ? 'end' : 'start'}
                fontSize="11"
              >
                {first ? `${s.name} ${n}` : i === terms.length - 1 ? `${s.name} ${n}` : n}
              </text>
            </g>
          );
        }),
      )}
    </svg>
  );
}
