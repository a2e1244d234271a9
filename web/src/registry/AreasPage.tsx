// The areas of the authority with their school counts, and one area's schools (searchable, paged).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { getJson, type OrgUnitSummary, type SchoolListItem, words } from '../api.ts';
import { Problem } from '../Problem.tsx';

export function AreasPage() {
  const areas = useQuery({
    queryKey: ['org-units', 'area'],
    queryFn: () => getJson<{ org_units: OrgUnitSummary[] }>('/api/v1/org-units?level=area'),
  });
  if (areas.isPending) return <p aria-busy="true">Loading areas…</p>;
  if (areas.isError) return <Problem error={areas.error} />;
  const total = areas.data.org_units.reduce((sum, a) => sum + a.schools, 0);
  return (
    <section>
      <h1>Areas</h1>
      <p>
        {areas.data.org_units.length} areas, {total} open schools.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col" className="number">
              Schools
            </th>
          </tr>
        </thead>
        <tbody>
          {areas.data.org_units.map((area) => (
            <tr key={area.code}>
              <td>
                <Link to={`/areas/${encodeURIComponent(area.code)}`}>{area.name}</Link>
              </td>
              <td className="number">{area.schools}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const PAGE_SIZE = 50;

export function AreaPage() {
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const area = useQuery({
    queryKey: ['org-unit', code],
    queryFn: () => getJson<OrgUnitSummary>(`/api/v1/org-units/${encodeURIComponent(code)}`),
  });
  const schools = useQuery({
    queryKey: ['schools', code, page, q],
    queryFn: () =>
      getJson<{ total: number; schools: SchoolListItem[] }>(
        `/api/v1/schools?${new URLSearchParams({ area: code, page: String(page), page_size: String(PAGE_SIZE), ...(q ? { q } : {}) })}`,
      ),
    placeholderData: keepPreviousData,
  });
  if (area.isError) return <Problem error={area.error} />;
  const pages = schools.data ? Math.max(1, Math.ceil(schools.data.total / PAGE_SIZE)) : 1;
  const go = (next: { page?: number; q?: string }) => {
    const values = { page: String(next.page ?? page), q: next.q ?? q };
    setParams(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== '1')));
  };
  return (
    <section>
      <p className="crumbs">
        <Link to="/">Areas</Link> ›
      </p>
      <h1>{area.data?.name ?? code}</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          go({ page: 1, q: search.trim() });
        }}
      >
        <label htmlFor="school-search">Find a school</label>{' '}
        <input
          id="school-search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="name, code or URN"
        />{' '}
        <button type="submit">Search</button>
      </form>
      {schools.isError && <Problem error={schools.error} />}
      {schools.data && (
        <>
          <p aria-live="polite">
            {schools.data.total} schools{q ? ` matching “${q}”` : ''}
            {pages > 1 ? `, page ${page} of ${pages}` : ''}.
          </p>
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">School</th>
                  <th scope="col">Phase</th>
                  <th scope="col">Headteacher</th>
                  <th scope="col" className="number">
                    Tenure (years)
                  </th>
                </tr>
              </thead>
              <tbody>
                {schools.data.schools.map((s) => (
                  <tr key={s.code}>
                    <td>
                      <Link to={`/schools/${encodeURIComponent(s.code)}`}>{s.name}</Link>
                    </td>
                    <td>{words(s.phase)}</td>
                    <td>
                      {s.headteacher ? (
                        <>
                          {s.headteacher.name}
                          {s.headteacher.role !== 'headteacher' && (
                            <span className="tag"> {words(s.headteacher.role)}</span>
                          )}
                        </>
                      ) : (
                        <span className="tag warn">vacant</span>
                      )}
                    </td>
                    <td className="number">{s.headteacher?.tenure_years ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <nav className="pager" aria-label="Pages">
              <button type="button" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
                Previous
              </button>
              <button type="button" disabled={page >= pages} onClick={() => go({ page: page + 1 })}>
                Next
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
