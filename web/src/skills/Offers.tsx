// The programmes that develop a competency, each with its next cohort (or a note to commission one).
import type { Recommendations } from '../../../src/skills/heatmap-contract.ts';

export function Offers({ programmes }: { programmes: Recommendations['weaknesses'][number]['programmes'] }) {
  if (programmes.length === 0) return <p>No programme that develops it has a cohort to join.</p>;
  return (
    <ul>
      {programmes.map((p) => (
        <li key={p.code}>
          {p.name}:{' '}
          {p.cohort
            ? `${p.cohort.name}, ${p.cohort.starts_on} to ${p.cohort.ends_on}`
            : 'no cohort running or planned: commission one'}
        </li>
      ))}
    </ul>
  );
}
