// Schools' strengths per practice area, found from their data or declared and confirmed, filtered by
// area, practice area and source with the view in the address; the confirmation queue for area leads
// and the director, the declare form for heads and trust leads.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { practiceAreasRoute, strengthsRoute } from '../../../src/strengths/contract.ts';
import { getJson, path } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAreas } from '../useAreas.ts';
import { useUrlState } from '../useUrlState.ts';
import { Declare } from './Declare.tsx';
import { sourceNames } from './labels.ts';
import { Queue } from './Queue.tsx';

const PAGE_SIZE = 50;
const defaults = { school: '', area: '', practice_area: '', source: '', page: '1' };

export function StrengthsPage() {
  const [filter, setFilter] = useUrlState(defaults);
  const session = useSession();
  const areas = (useAreas().data?.org_units ?? []).filter(
    (a) => session.whole_authority || session.roles.some((r) => !r.group && r.org_unit === a.code),
  );
  const practiceAreas = useQuery({
    queryKey: ['strengths', 'practice-areas'],
    queryFn: () => getJson<Answer<typeof practiceAreasRoute>>('/api/v1/strengths/practice-areas'),
  }).data;
  const query = new URLSearchParams({
    ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)),
    page_size: String(PAGE_SIZE),
  });
  const list = useQuery({
    queryKey: ['strengths', query.toString()],
    queryFn: () => getJson<Answer<typeof strengthsRoute>>(`/api/v1/strengths?${query}`),
    placeholderData: keepPreviousData,
  });
  const set = (key: keyof typeof defaults) => (value: string) => setFilter({ [key]: value, page: '1' });
  // The API's rule (src/strengths/declared.ts): heads declare for their school, a trust's director for
  // its schools; an area lead or the director of the authority confirms.
  const heads = session.roles.filter((r) => r.role === 'headteacher').map((r) => r.org_unit);
  const trustLead = session.roles.some((r) => r.group && r.role === 'director');
  const confirms =
    can(session, 'brokering:write') && session.roles.some((r) => !r.group && r.role !== 'headteacher');
  return (
    <>
      <h1>Strengths</h1>
      <p>
        <Link to="/brokering">Support needs</Link> · <Link to="/specialists">Specialists</Link>
      </p>
      <p className="tag">
        What each school does well, per practice area: an indicator green and improving, value added
        significantly above, a visit rubric section scored high, an inspection area graded strong, or a
        strength its head or trust declared and an area lead confirmed. A practice need is matched to these.
      </p>
      {confirms && <Queue />}
      {(heads.length > 0 || trustLead) && practiceAreas && <Declare schools={heads} areas={practiceAreas} />}
      <fieldset className="filters">
        <legend className="sr-only">Filter the strengths</legend>
        {areas.length > 0 && (
          <Choice
            label="Area"
            value={filter.area}
            onChange={set('area')}
            empty="All in my scope"
            options={codeOptions(areas)}
          />
        )}
        <Choice
          label="Practice area"
          value={filter.practice_area}
          onChange={set('practice_area')}
          empty="Any"
          options={(practiceAreas ?? []).map((p) => ({ value: p.practice_area, label: p.name }))}
        />
        <Choice
          label="Source"
          value={filter.source}
          onChange={set('source')}
          empty="Any"
          options={Object.entries(sourceNames).map(([value, label]) => ({ value, label }))}
        />
        {filter.school && (
          <p>
            School {filter.school}{' '}
            <button type="button" onClick={() => set('school')('')}>
              All schools
            </button>
          </p>
        )}
      </fieldset>
      {list.isError && <Problem error={list.error} />}
      {list.isPending && <p aria-busy="true">Loading strengths…</p>}
      {list.data && (
        <>
          <p data-testid="strengths-summary">
            {list.data.total.toLocaleString('en-GB')} {list.data.total === 1 ? 'strength' : 'strengths'} at{' '}
            {list.data.schools.toLocaleString('en-GB')} {list.data.schools === 1 ? 'school' : 'schools'} on{' '}
            {list.data.on}
          </p>
          <Scroll label="Strengths">
            <table className="grid" data-testid="strengths">
              <thead>
                <tr>
                  <th scope="col">School</th>
                  <th scope="col">Practice area</th>
                  <th scope="col">Source</th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {list.data.rows.map((r) => (
                  <tr key={`${r.school}-${r.practice_area}-${r.source}-${r.measure}`}>
                    <th scope="row">
                      <Link to={`/schools/${path(r.school)}`}>{r.school_name}</Link>
                      {r.area && <span className="muted"> ({r.area})</span>}
                    </th>
                    <td>{r.practice_area_name}</td>
                    <td>{sourceNames[r.source]}</td>
                    <td>{r.evidence}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <Pager
            page={list.data.page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            noun={['strength', 'strengths']}
            onPage={(next) => setFilter({ page: String(next) }, { push: true })}
          />
        </>
      )}
    </>
  );
}
