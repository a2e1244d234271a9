// A school's page line: its teachers against the staffing norm in the latest month (in post, required,
// the gap and the pupils per teacher), linking to the Teachers page for its area.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { gapsRoute } from '../../../src/teachers/contract.ts';
import { getJson } from '../api.ts';

export function SchoolStaffing({ code }: { code: string }) {
  const gaps = useQuery({
    queryKey: ['teacher-gaps', 'school', code],
    queryFn: () =>
      getJson<Answer<typeof gapsRoute>>(`/api/v1/teachers/gaps?school=${encodeURIComponent(code)}`),
  });
  const s = gaps.data?.schools[0];
  if (!s || !gaps.data) return null;
  const gap =
    s.gap > 0 ? `${s.gap} short of the norm` : s.gap < 0 ? `${-s.gap} over the norm` : 'at the norm';
  return (
    <>
      <h2>Teachers</h2>
      <p data-testid="school-staffing">
        Teachers ({gaps.data.month}): {s.teachers} in post, {s.required} required by the staffing norm: {gap};{' '}
        {s.ptr === null ? 'no teacher' : `${s.ptr.toFixed(1)} pupils per teacher`}
        {s.above ? ` (above the maximum of ${s.max_ratio})` : ''}.{' '}
        {s.area && <Link to={`/teachers?area=${encodeURIComponent(s.area)}`}>Teachers in the area</Link>}
      </p>
    </>
  );
}
