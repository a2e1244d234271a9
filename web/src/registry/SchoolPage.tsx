// One school's key facts, headship and tenure, and current posts.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { getJson, type HeadOnDate, type SchoolDetail, words } from '../api.ts';
import { Problem } from '../Problem.tsx';

function Leader({ head }: { head: HeadOnDate }) {
  return (
    <>
      {head.name} ({words(head.role)} since {head.since}, {head.tenure_years} years)
      {head.first_year_of_headship && <span className="tag warn"> first year of headship</span>}
    </>
  );
}

export function SchoolPage() {
  const { code = '' } = useParams();
  const school = useQuery({
    queryKey: ['school', code],
    queryFn: () => getJson<SchoolDetail>(`/api/v1/schools/${encodeURIComponent(code)}`),
  });
  if (school.isPending) return <p aria-busy="true">Loading school…</p>;
  if (school.isError) return <Problem error={school.error} />;
  const s = school.data;
  const facts: [string, string | number | null][] = [
    ['Code', s.code],
    ['URN', s.urn],
    ['Phase', words(s.phase)],
    ['Type', s.type],
    ['Area', s.area_name],
    ['Cluster', s.cluster_code],
    ['Trust', s.trust_name],
    ['Capacity', s.capacity],
    ['Opened', s.opened_on],
    ['Closed', s.closed_on],
  ];
  return (
    <section>
      <p className="crumbs">
        <Link to="/">Areas</Link> ›{' '}
        <Link to={`/areas/${encodeURIComponent(s.area_code)}`}>{s.area_name}</Link> ›
      </p>
      <h1>{s.name}</h1>
      <dl className="facts">
        {facts
          .filter(([, value]) => value !== null && value !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <h2>Headship</h2>
      <p data-testid="headship">
        {s.headship.head ? (
          <Leader head={s.headship.head} />
        ) : (
          <span className="tag warn">No substantive headteacher</span>
        )}
      </p>
      {s.headship.cover.map((cover) => (
        <p key={cover.person_code}>
          Cover: <Leader head={cover} />
        </p>
      ))}
      <h2>Posts</h2>
      <ul>
        {s.posts.map((p) => (
          <li key={`${p.person_code}-${p.role}`}>
            {words(p.role)}: {p.given_name} {p.family_name} (from {p.starts_on}
            {p.fte !== null && p.fte < 1 ? `, ${p.fte} FTE` : ''})
          </li>
        ))}
      </ul>
    </section>
  );
}
