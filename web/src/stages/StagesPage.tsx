// The stages of the improvement journey for the director (and anyone, over their own schools): schools
// at each stage today, the movement term by term as a flow chart with its tables (schools at each stage
// per term, the transition table from × to, moved on and slipped back), and the schools with their
// reasons. The area, the stage, the term and the page live in the address.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { listStagesRoute, StageMovement, stageMovementRoute } from '../../../src/stages/contract.ts';
import { getJson } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAreas } from '../useAreas.ts';
import { useUrlState } from '../useUrlState.ts';
import { FlowChart } from './FlowChart.tsx';

const PAGE_SIZE = 50;
const queryOf = (entries: Record<string, string>) =>
  new URLSearchParams(Object.entries(entries).filter(([, v]) => v) as [string, string][]).toString();

function MovementTables({ movement }: { movement: StageMovement }) {
  const { terms, stages, counts, transitions, summary } = movement;
  const count = (term: string, stage: string) =>
    counts.find((c) => c.term === term && c.stage === stage)?.schools ?? 0;
  const moved = (from: string, to: string) =>
    transitions.find((t) => t.from_stage === from && t.to_stage === to)?.schools ?? 0;
  return (
    <>
      <Scroll label="Schools at each stage at each term's end">
        <table data-testid="stage-counts">
          <caption>Schools at each stage at each term's end</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              {terms.map((t) => (
                <th scope="col" className="number" key={t}>
                  {t}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.code} data-stage={s.code}>
                <th scope="row">{s.name}</th>
                {terms.map((t) => (
                  <td className="number" key={t}>
                    {count(t, s.code)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <Scroll label="Transition table">
        <table data-testid="transitions">
          <caption>
            Transitions between consecutive terms, {terms[0]} to {terms.at(-1)}: from (rows) × to (columns)
          </caption>
          <thead>
            <tr>
              <th scope="col">From \ to</th>
              {stages.map((s) => (
                <th scope="col" className="number" key={s.code}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stages.map((from) => (
              <tr key={from.code} data-stage={from.code}>
                <th scope="row">{from.name}</th>
                {stages.map((to) => (
                  <td
                    className={`number${from.code === to.code ? ' same' : ''}`}
                    key={to.code}
                    data-to={to.code}
                  >
                    {moved(from.code, to.code)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <ul data-testid="movement-summary">
        {summary.map((s) => (
          <li key={s.from_term}>
            {s.from_term} → {s.to_term}: <strong>{s.up}</strong> moved on, <strong>{s.down}</strong> slipped
            back, {s.same} stayed
          </li>
        ))}
      </ul>
    </>
  );
}

export function StagesPage() {
  const [state, setState] = useUrlState({ area: '', stage: '', term: '', terms: '4', page: '1' });
  const areas = useAreas();
  const movementQuery = queryOf({ area: state.area, terms: state.terms });
  const movement = useQuery({
    queryKey: ['stage-movement', movementQuery],
    queryFn: () => getJson<Answer<typeof stageMovementRoute>>(`/api/v1/stages/movement?${movementQuery}`),
  });
  const listQuery = queryOf({
    area: state.area,
    stage: state.stage,
    term: state.term,
    page: state.page,
    page_size: String(PAGE_SIZE),
  });
  const list = useQuery({
    queryKey: ['stages', listQuery],
    queryFn: () => getJson<Answer<typeof listStagesRoute>>(`/api/v1/stages?${listQuery}`),
  });
  const m = movement.data;
  const l = list.data;
  const place = areas.data?.org_units.find((a) => a.code === state.area)?.name ?? 'the authority';
  return (
    <>
      <h1>Stages of the improvement journey</h1>
      <p>
        Each school's stage, from intensive support to leading, by explicit rules over its inspections,
        attention reasons, trends and value added; recorded at each term's end.{' '}
        <Link to="/stages/rules">The stages and their rules</Link>.
      </p>
      <div className="filters">
        <Choice
          label="Area"
          value={state.area}
          onChange={(area) => setState({ area, page: '1' })}
          options={codeOptions(areas.data?.org_units)}
          empty="all areas"
        />
        <Choice
          label="Terms shown"
          value={state.terms}
          onChange={(terms) => setState({ terms })}
          options={['3', '4', '6', '9'].map((v) => ({ value: v, label: v }))}
        />
      </div>
      <h2>Movement between stages in {place}</h2>
      {movement.isError && <Problem error={movement.error} />}
      {m && m.terms.length < 2 && <p>Fewer than two terms are recorded: there is no movement to show yet.</p>}
      {m && m.terms.length >= 2 && (
        <>
          <Scroll label="Flow chart">
            <FlowChart movement={m} />
          </Scroll>
          <MovementTables movement={m} />
        </>
      )}
      <h2>Schools and their stages</h2>
      <div className="filters">
        <Choice
          label="Stage"
          value={state.stage}
          onChange={(stage) => setState({ stage, page: '1' })}
          options={(l?.counts ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.schools})` }))}
          empty="every stage"
        />
        <Choice
          label="When"
          value={state.term}
          onChange={(term) => setState({ term, page: '1' })}
          options={[...(m?.terms ?? [])].reverse().map((t) => ({ value: t, label: `end of ${t}` }))}
          empty="today"
        />
      </div>
      {list.isError && <Problem error={list.error} />}
      {l && (
        <>
          <p data-testid="stage-totals">
            {l.counts.map((c) => `${c.name}: ${c.schools}`).join(' · ')} (
            {l.term ? `end of ${l.term}` : `today, ${l.as_of}`})
          </p>
          <Scroll label="Schools and their stages">
            <table data-testid="stage-schools">
              <thead>
                <tr>
                  <th scope="col">School</th>
                  <th scope="col">Area</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Since</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {l.schools.map((s) => (
                  <tr key={s.school_code} data-code={s.school_code}>
                    <th scope="row">
                      <Link to={`/schools/${encodeURIComponent(s.school_code)}`}>{s.school_name}</Link>
                    </th>
                    <td>{s.area_name}</td>
                    <td>{s.stage_name}</td>
                    <td>{s.since ?? '—'}</td>
                    <td>{s.reasons.join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <Pager
            page={l.page}
            pageSize={l.page_size}
            total={l.total}
            noun={['school', 'schools']}
            onPage={(page) => setState({ page: String(page) }, { push: true })}
          />
        </>
      )}
    </>
  );
}
