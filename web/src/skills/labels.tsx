// The skills pages' words and shared pieces: the rating scale, the links between the pages, the audit
// chooser (kept in the address) and a rating shown as its number and its word.
import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { listAuditsRoute } from '../../../src/skills/contract.ts';
import { getJson } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { useSession } from '../session.tsx';

export const levelNames = ['Emerging', 'Developing', 'Secure', 'Leading'] as const;

/** "2 developing", or a dash. */
export const ratingText = (rating: number | null) =>
  rating === null ? '—' : `${rating} ${levelNames[rating - 1]?.toLowerCase() ?? ''}`;

/** Self minus validated in words: who over- or under-rates. */
export function gapText(gap: number | null) {
  if (gap === null) return '—';
  if (gap === 0) return 'agrees';
  const n = Math.abs(gap);
  const amount = Number.isInteger(n) ? `${n} level${n === 1 ? '' : 's'}` : n.toFixed(2);
  return gap > 0 ? `over by ${amount}` : `under by ${amount}`;
}

export function SkillsNav() {
  const session = useSession();
  // The analyst and viewers read the heat map only; a leader sees at least their own ratings.
  const names = session.person !== null || session.permissions.includes('programmes:read');
  return (
    <nav className="subnav" aria-label="Skills audit">
      <NavLink to="/skills" end>
        Heat map
      </NavLink>
      {names && <NavLink to="/skills/leaders">Leaders and ratings</NavLink>}
      <NavLink to="/skills/framework">Competency framework</NavLink>
    </nav>
  );
}

export function useAudits() {
  return useQuery({
    queryKey: ['skill-audits'],
    queryFn: () => getJson<Answer<typeof listAuditsRoute>>('/api/v1/skills/audits'),
  });
}

/** The audit chooser: value "" is the latest opened. */
export function AuditChoice({ value, onChange }: { value: string; onChange: (audit: string) => void }) {
  const audits = useAudits();
  return (
    <Choice
      label="Audit"
      value={value}
      onChange={onChange}
      options={(audits.data?.audits ?? []).map((a) => ({
        value: a.code,
        label: `${a.name}${a.open ? ' (open)' : ''}`,
      }))}
      empty="the latest"
    />
  );
}
