// How norming's figures are shown: shares as whole percentages, bias as signed levels, and each rater's
// weighted kappa across sessions as a small line with its figures in words for screen readers.
import type { Answer } from '../../../src/contract.ts';
import type { driftRoute } from '../../../src/norming/contract.ts';

type Session = Answer<typeof driftRoute>['raters'][number]['sessions'][number];

export const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
export const signedLevels = (v: number | null) =>
  v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)}`;

export function Trend({ sessions, name }: { sessions: Session[]; name: string }) {
  const points = sessions.filter((s) => s.kappa !== null);
  const words = points.map((s) => `${s.held_on}: ${(s.kappa as number).toFixed(2)}`).join(', ');
  if (points.length < 2) return <span>{words || '—'}</span>;
  const W = 90;
  const H = 24;
  const x = (i: number) => 4 + (i * (W - 8)) / (points.length - 1);
  // Kappa from 0 (the dotted floor) to 1; a kappa below 0 sits on the floor.
  const y = (k: number) => 2 + (1 - Math.max(0, Math.min(1, k))) * (H - 4);
  const d = points
    .map((s, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(s.kappa as number).toFixed(1)}`)
    .join('');
  return (
    <svg width={W} height={H} role="img" aria-label={`${name}'s weighted kappa by session: ${words}`}>
      <line x1={0} x2={W} y1={y(0)} y2={y(0)} stroke="#bbb" strokeDasharray="2 2" />
      <path d={d} fill="none" stroke="#1f4e79" strokeWidth={2} />
      {points.map((s, i) => (
        <circle key={s.session} cx={x(i)} cy={y(s.kappa as number)} r={2.5} fill="#1f4e79" />
      ))}
    </svg>
  );
}
