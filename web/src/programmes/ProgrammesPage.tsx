// Leadership programmes: each programme's cohorts and how their participants fared (took up a deputy or
// headship post within N years of completing, read from posts); the cohorts, filtered by programme in
// the address; the director adds a cohort or imports cohorts and participants from a workbook.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  addCohortRoute,
  listCohortsRoute,
  listProgrammesRoute,
} from '../../../src/programmes/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { useUrlState } from '../useUrlState.ts';
import { ImportCohorts } from './ImportCohorts.tsx';
import { ProgrammesNav, placementNames, promotedShare } from './labels.tsx';
import { ProgrammeForms } from './ProgrammeForms.tsx';

type Programmes = Answer<typeof listProgrammesRoute>['programmes'];

function AddCohort({ programmes }: { programmes: Programmes }) {
  const blank = { code: '', programme: '', name: '', provider: '', starts_on: '', ends_on: '' };
  const [form, setForm] = useState(blank);
  const { error, run } = useAction();
  const field = (name: keyof typeof blank, label: string, type = 'text') => (
    <label>
      {label}{' '}
      <input
        type={type}
        value={form[name]}
        required
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </label>
  );
  return (
    <details className="panel">
      <summary>Add a cohort</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await send('POST', '/api/v1/programmes/cohorts', form satisfies Body<typeof addCohortRoute>);
            setForm(blank);
          });
        }}
      >
        <Choice
          label="Programme"
          value={form.programme}
          onChange={(programme) => setForm({ ...form, programme })}
          options={programmes.map((p) => ({ value: p.code, label: p.name }))}
          empty="choose…"
          required
        />
        {field('code', 'Code')}
        {field('name', 'Name')}
        <label>
          Provider{' '}
          <input value={form.provider} onChange={(e) => setForm({ ...form, provider: e.target.value })} />
        </label>
        {field('starts_on', 'Starts', 'date')}
        {field('ends_on', 'Ends', 'date')}
        <button type="submit">Add the cohort</button>
        {error && <Problem error={error} />}
      </form>
    </details>
  );
}

export function ProgrammesPage() {
  const session = useSession();
  const [filter, setFilter] = useUrlState({ programme: '' });
  const programmes = useQuery({
    queryKey: ['programmes'],
    queryFn: () => getJson<Answer<typeof listProgrammesRoute>>('/api/v1/programmes'),
  });
  const cohorts = useQuery({
    queryKey: ['programme-cohorts', filter.programme],
    queryFn: () =>
      getJson<Answer<typeof listCohortsRoute>>(
        `/api/v1/programmes/cohorts${filter.programme ? `?programme=${encodeURIComponent(filter.programme)}` : ''}`,
      ),
  });
  const director = can(session, 'programmes:write') && session.whole_authority;
  const years = programmes.data?.programmes[0]?.outcomes.years;
  return (
    <>
      <h1>Leadership programmes</h1>
      <ProgrammesNav />
      <p>
        A participant is <strong>promoted</strong> when they took up a deputy or headship post above the one
        they held when they joined, from the cohort’s start to {years ?? 'N'} years after completing (read
        from the registry’s posts). The share promoted counts those whose outcome is known: promoted, or the
        years over.
      </p>
      {programmes.isError && <Problem error={programmes.error} />}
      {programmes.data && (
        <Scroll label="Programmes">
          <table className="grid" data-testid="programmes">
            <thead>
              <tr>
                <th scope="col">Programme</th>
                <th scope="col">Placement</th>
                <th scope="col" className="number">
                  Cohorts
                </th>
                <th scope="col" className="number">
                  Participants
                </th>
                <th scope="col" className="number">
                  Completed
                </th>
                <th scope="col">Promoted</th>
              </tr>
            </thead>
            <tbody>
              {programmes.data.programmes.map((p) => (
                <tr key={p.code} data-testid={`programme-${p.code}`}>
                  <th scope="row">
                    <Link to={`/programmes?programme=${encodeURIComponent(p.code)}`}>{p.name}</Link>
                    {!p.active && <span className="tag">not running</span>}
                    <br />
                    <small>{p.description}</small>
                  </th>
                  <td>
                    {p.placement ? `${placementNames[p.placement]}, ${p.placement_days ?? 10} days` : '—'}
                  </td>
                  <td className="number">{p.cohorts}</td>
                  <td className="number">{p.outcomes.participants}</td>
                  <td className="number">{p.outcomes.completed}</td>
                  <td>{promotedShare(p.outcomes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      <section aria-labelledby="cohorts-heading">
        <h2 id="cohorts-heading">Cohorts</h2>
        <div className="filters">
          <Choice
            label="Programme"
            value={filter.programme}
            onChange={(programme) => setFilter({ programme })}
            options={(programmes.data?.programmes ?? []).map((p) => ({ value: p.code, label: p.name }))}
            empty="every programme"
          />
        </div>
        {cohorts.isError && <Problem error={cohorts.error} />}
        {cohorts.data &&
          (cohorts.data.cohorts.length === 0 ? (
            <p>No cohorts{filter.programme ? ' of this programme' : ''} yet.</p>
          ) : (
            <Scroll label="Cohorts">
              <table className="grid" data-testid="cohorts">
                <thead>
                  <tr>
                    <th scope="col">Cohort</th>
                    <th scope="col">Programme</th>
                    <th scope="col">Provider</th>
                    <th scope="col">Dates</th>
                    <th scope="col" className="number">
                      Participants
                    </th>
                    <th scope="col">Promoted</th>
                  </tr>
                </thead>
                <tbody>
                  {cohorts.data.cohorts.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/programmes/cohorts/${c.id}`}>{c.name}</Link>
                      </th>
                      <td>{c.programme_name}</td>
                      <td>{c.provider || '—'}</td>
                      <td>
                        {c.starts_on} to {c.ends_on}
                      </td>
                      <td className="number">{c.outcomes.participants}</td>
                      <td>{promotedShare(c.outcomes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          ))}
      </section>
      {director && programmes.data && (
        <section aria-labelledby="manage-heading">
          <h2 id="manage-heading">Programmes, cohorts and participants</h2>
          <ProgrammeForms programmes={programmes.data.programmes} />
          <AddCohort programmes={programmes.data.programmes} />
          <ImportCohorts />
        </section>
      )}
    </>
  );
}
