// Teachers where the pupils are: each school's teachers against the staffing norm (the gap or surplus),
// the authority's and each area's roll-up (schools and pupils above the maximum ratio, teachers short
// and over, the spread of ratios, the degree of randomness), the degree of randomness month by month and
// IIEP's scatter. Every filter, the sort and the page live in the address.

import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { gapsRoute, randomnessRoute, scatterRoute, UnitGap } from '../../../src/teachers/contract.ts';
import { getJson, words } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { SortHeader } from '../SortHeader.tsx';
import { useAreas } from '../useAreas.ts';
import { useUrlState } from '../useUrlState.ts';
import { NormsPanel } from './NormsPanel.tsx';
import { RandomnessTable } from './Randomness.tsx';
import { TeacherScatter } from './Scatter.tsx';

type Gaps = Answer<typeof gapsRoute>;
const PAGE_SIZE = 50;
const phases = ['nursery', 'primary', 'secondary', 'all_through', 'special', 'alternative_provision'];
const n = (v: number | null, digits = 0) =>
  v === null
    ? '—'
    : v.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const gapText = (gap: number) => (gap > 0 ? `${n(gap)} short` : gap < 0 ? `${n(-gap)} over` : 'at the norm');

const queryOf = (entries: Record<string, string>) =>
  new URLSearchParams(Object.entries(entries).filter(([, v]) => v) as [string, string][]).toString();

function UnitFacts({ unit }: { unit: UnitGap }) {
  const facts: [string, string, string][] = [
    ['Schools reporting', n(unit.schools), 'schools'],
    ['Above the maximum ratio', n(unit.schools_above), 'schools-above'],
    ['Pupils in those schools', n(unit.pupils_above), 'pupils-above'],
    ['Teachers short of the norm', n(unit.deficit), 'deficit'],
    ['Teachers over the norm', n(unit.surplus), 'surplus'],
    [
      'Pupils per teacher: P10 / median / P90',
      `${n(unit.ptr_p10, 1)} / ${n(unit.ptr_median, 1)} / ${n(unit.ptr_p90, 1)}`,
      'ptr',
    ],
    ['Spread (P90 / P10)', n(unit.ptr_spread, 2), 'spread'],
    ['Degree of randomness (1 − R²)', n(unit.randomness, 2), 'randomness'],
  ];
  return (
    <dl className="facts" data-testid="summary">
      {facts.map(([label, value, id]) => (
        <div key={id}>
          <dt>{label}</dt>
          <dd data-testid={id}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function AreaTable({ units }: { units: UnitGap[] }) {
  return (
    <Scroll label="Gaps by area">
      <table data-testid="areas">
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col" className="number">
              Schools
            </th>
            <th scope="col" className="number">
              Above the maximum
            </th>
            <th scope="col" className="number">
              Pupils in them
            </th>
            <th scope="col" className="number">
              Teachers short
            </th>
            <th scope="col" className="number">
              Teachers over
            </th>
            <th scope="col" className="number">
              Median ratio
            </th>
            <th scope="col" className="number">
              P90 / P10
            </th>
            <th scope="col" className="number">
              1 − R²
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.code} data-code={u.code}>
              <th scope="row">{u.name}</th>
              <td className="number">{n(u.schools)}</td>
              <td className="number">{n(u.schools_above)}</td>
              <td className="number">{n(u.pupils_above)}</td>
              <td className="number">{n(u.deficit)}</td>
              <td className="number">{n(u.surplus)}</td>
              <td className="number">{n(u.ptr_median, 1)}</td>
              <td className="number">{n(u.ptr_spread, 2)}</td>
              <td className="number">{n(u.randomness, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function TeachersPage() {
  const [state, setState] = useUrlState({
    month: '',
    area: '',
    phase: '',
    above: '',
    status: '',
    sort: 'gap',
    dir: 'desc',
    page: '1',
  });
  const areas = useAreas();
  const where = { month: state.month, area: state.area, phase: state.phase };
  const schoolsQuery = queryOf({
    ...where,
    above: state.above,
    status: state.status,
    sort: state.sort,
    dir: state.dir,
    page: state.page,
    page_size: String(PAGE_SIZE),
  });
  const gaps = useQuery({
    queryKey: ['teacher-gaps', schoolsQuery],
    queryFn: () => getJson<Gaps>(`/api/v1/teachers/gaps?${schoolsQuery}`),
  });
  const areaQuery = queryOf({ ...where, level: 'area', page_size: '500' });
  const byArea = useQuery({
    queryKey: ['teacher-gaps', areaQuery],
    queryFn: () => getJson<Gaps>(`/api/v1/teachers/gaps?${areaQuery}`),
  });
  const randomnessQuery = queryOf({ area: state.area, phase: state.phase });
  const randomness = useQuery({
    queryKey: ['teacher-randomness', randomnessQuery],
    queryFn: () => getJson<Answer<typeof randomnessRoute>>(`/api/v1/teachers/randomness?${randomnessQuery}`),
  });
  const scatterQuery = queryOf(where);
  const scatter = useQuery({
    queryKey: ['teacher-scatter', scatterQuery],
    queryFn: () => getJson<Answer<typeof scatterRoute>>(`/api/v1/teachers/scatter?${scatterQuery}`),
  });
  const g = gaps.data;
  const sortBy = (sort: string) =>
    setState({ sort, dir: state.sort === sort && state.dir === 'desc' ? 'asc' : 'desc', page: '1' });
  const header = (label: string, sort: string, numeric = true) => (
    <SortHeader
      label={label}
      active={state.sort === sort}
      ascending={state.dir === 'asc'}
      numeric={numeric}
      onSort={() => sortBy(sort)}
    />
  );
  const areaName = areas.data?.org_units.find((a) => a.code === state.area)?.name;
  const place = areaName ?? 'the authority';
  return (
    <>
      <h1>Teachers where the pupils are</h1>
      <p>
        Each school's teachers against the staffing norm: the teachers its pupils require (at most the maximum
        pupils per teacher, and never fewer than the minimum), those in post, and the gap.{' '}
        <Link to="/teachers/plans">Redeployment plans</Link>: moves from schools over the norm to schools
        under it.
      </p>
      <div className="filters">
        <Choice
          label="Month"
          value={state.month}
          onChange={(month) => setState({ month, page: '1' })}
          options={(g?.months ?? []).map((m) => ({ value: m, label: m }))}
          empty="latest"
        />
        <Choice
          label="Area"
          value={state.area}
          onChange={(area) => setState({ area, page: '1' })}
          options={codeOptions(areas.data?.org_units)}
          empty="all areas"
        />
        <Choice
          label="Phase"
          value={state.phase}
          onChange={(phase) => setState({ phase, page: '1' })}
          options={phases.map((v) => ({ value: v, label: words(v) }))}
          empty="all"
        />
        <Choice
          label="Ratio"
          value={state.above}
          onChange={(above) => setState({ above, page: '1' })}
          options={[
            { value: 'true', label: 'above the maximum' },
            { value: 'false', label: 'within the maximum' },
          ]}
          empty="any"
        />
        <Choice
          label="Staffing"
          value={state.status}
          onChange={(status) => setState({ status, page: '1' })}
          options={[
            { value: 'deficit', label: 'short of the norm' },
            { value: 'surplus', label: 'over the norm' },
            { value: 'at_norm', label: 'at the norm' },
          ]}
          empty="any"
        />
      </div>
      {gaps.isError ? (
        <Problem error={gaps.error} />
      ) : !g ? (
        <p aria-busy="true">Loading…</p>
      ) : (
        <>
          <h2>
            {place}, {g.month}
          </h2>
          {g.summary ? <UnitFacts unit={g.summary} /> : null}
          {!state.area && byArea.data && byArea.data.units.length > 0 && (
            <>
              <h2>By area</h2>
              <AreaTable units={byArea.data.units} />
            </>
          )}
          <h2>Degree of randomness by month</h2>
          <p>
            1 − R² of teachers on pupils across schools (UNESCO IIEP): 0 when every school's teachers follow
            its pupils; lower is better.
            {!state.phase && (
              <>
                {' '}
                IIEP reads it for one level, so it is fitted within each phase (three schools or more) and the
                phases averaged by their schools; choose a phase for that phase's own figure.
              </>
            )}
          </p>
          {randomness.isError ? (
            <Problem error={randomness.error} />
          ) : randomness.data ? (
            <RandomnessTable data={randomness.data} />
          ) : (
            <p aria-busy="true">Loading…</p>
          )}
          <h2>Pupils and teachers, school by school</h2>
          {scatter.isError ? (
            <Problem error={scatter.error} />
          ) : scatter.data ? (
            <TeacherScatter scatter={scatter.data} place={place} />
          ) : (
            <p aria-busy="true">Loading…</p>
          )}
          <h2>Schools</h2>
          <Scroll label="Schools' teachers against the norm">
            <table data-testid="school-gaps">
              <thead>
                <tr>
                  {header('School', 'school', false)}
                  {!state.area && header('Area', 'area', false)}
                  {header('Pupils', 'pupils')}
                  {header('In post', 'teachers')}
                  {header('Required', 'required')}
                  {header('Gap', 'gap')}
                  {header('Pupils per teacher', 'ptr')}
                </tr>
              </thead>
              <tbody>
                {g.schools.map((s) => (
                  <tr key={s.code} data-code={s.code}>
                    <td>
                      {s.name} <span className="muted">{s.code}</span>
                    </td>
                    {!state.area && <td>{s.area_name ?? '—'}</td>}
                    <td className="number">{n(s.pupils)}</td>
                    <td className="number">
                      {n(s.teachers)}
                      {s.teachers_from === 'posts' && <span className="muted"> (registry posts)</span>}
                    </td>
                    <td className="number">
                      {n(s.required)}
                      {s.classes !== null && <span className="muted"> ({n(s.classes)} classes)</span>}
                    </td>
                    <td className="number" data-gap={s.gap}>
                      {gapText(s.gap)}
                    </td>
                    <td className="number">
                      {n(s.ptr, 1)}
                      {s.above ? ` (above ${s.max_ratio})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <Pager
            page={g.page}
            pageSize={PAGE_SIZE}
            total={g.total}
            noun={['school', 'schools']}
            onPage={(page) => setState({ page: String(page) }, { push: true })}
          />
          <NormsPanel />
        </>
      )}
    </>
  );
}
