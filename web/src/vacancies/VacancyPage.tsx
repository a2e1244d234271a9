// One vacancy: its facts (cover, time to fill, first time or readvertised), its recruitment rounds with
// the panel, and for the director and the area lead the forms to arrange cover, record a round, close a
// round not appointed, record the appointment (which writes the post in the registry), or withdraw it.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type { addRoundRoute, appointRoute, vacancyRoute } from '../../../src/vacancies/contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { ClearCover, CoverForms } from './CoverForm.tsx';
import { coverText, outcomeNames, postNames, reasonNames, statusNames } from './labels.ts';
import { WithdrawForm } from './WithdrawForm.tsx';

type Vacancy = Answer<typeof vacancyRoute>;

function RoundForm({ vacancy }: { vacancy: Vacancy }) {
  const { error, run } = useAction();
  const blank = {
    advertised_on: '',
    closes_on: '',
    applications: '0',
    shortlisted: '0',
    interviewed: '0',
    panel: '',
    governors_on_panel: '0',
  };
  const [form, setForm] = useState(blank);
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  const number = (key: keyof typeof form, label: string) => (
    <label>
      {label}{' '}
      <input
        type="number"
        min={0}
        required
        value={form[key]}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </label>
  );
  return (
    <form
      className="stack"
      aria-labelledby="round-form"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const body = {
            advertised_on: form.advertised_on,
            closes_on: form.closes_on,
            applications: Number(form.applications),
            shortlisted: Number(form.shortlisted),
            interviewed: Number(form.interviewed),
            panel: form.panel,
            governors_on_panel: Number(form.governors_on_panel),
          } satisfies Body<typeof addRoundRoute>;
          await send('POST', `/api/v1/vacancies/${vacancy.id}/rounds`, body);
          setForm(blank);
        });
      }}
    >
      <h3 id="round-form">
        {vacancy.rounds === 0 ? 'Record the advertisement' : 'Record a readvertisement'}
      </h3>
      <label>
        Advertised on{' '}
        <input
          type="date"
          required
          value={form.advertised_on}
          onChange={(e) => set({ advertised_on: e.target.value })}
        />
      </label>
      <label>
        Closing date{' '}
        <input
          type="date"
          required
          value={form.closes_on}
          onChange={(e) => set({ closes_on: e.target.value })}
        />
      </label>
      {number('applications', 'Applications')}
      {number('shortlisted', 'Shortlisted')}
      {number('interviewed', 'Interviewed')}
      <label>
        Panel (who sat on it) <input value={form.panel} onChange={(e) => set({ panel: e.target.value })} />
      </label>
      {number('governors_on_panel', 'Governors on the panel')}
      {error && <Problem error={error} />}
      <button type="submit">Record the round</button>
    </form>
  );
}

function AppointForm({ vacancy }: { vacancy: Vacancy }) {
  const { error, run } = useAction();
  const [form, setForm] = useState({ person: '', appointed_on: '', starts_on: '' });
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  return (
    <form
      className="stack"
      aria-labelledby="appoint-form"
      onSubmit={(e) => {
        e.preventDefault();
        run(() =>
          send(
            'POST',
            `/api/v1/vacancies/${vacancy.id}/appointment`,
            form satisfies Body<typeof appointRoute>,
          ),
        );
      }}
    >
      <h3 id="appoint-form">Record the appointment</h3>
      <p>The last round becomes appointed, and the post is written in the registry from the start date.</p>
      <label>
        Appointee (person code){' '}
        <input required value={form.person} onChange={(e) => set({ person: e.target.value.trim() })} />
      </label>
      <label>
        Appointed on{' '}
        <input
          type="date"
          required
          value={form.appointed_on}
          onChange={(e) => set({ appointed_on: e.target.value })}
        />
      </label>
      <label>
        Starts on{' '}
        <input
          type="date"
          required
          value={form.starts_on}
          onChange={(e) => set({ starts_on: e.target.value })}
        />
      </label>
      {error && <Problem error={error} />}
      <button type="submit">Record the appointment</button>
    </form>
  );
}

function CloseRound({ vacancy, number }: { vacancy: Vacancy; number: number }) {
  const { error, run } = useAction();
  return (
    <>
      <button
        type="button"
        onClick={() =>
          run(() =>
            send('PATCH', `/api/v1/vacancies/${vacancy.id}/rounds/${number}`, { outcome: 'not_appointed' }),
          )
        }
      >
        Not appointed
      </button>
      {error && <Problem error={error} />}
    </>
  );
}

export function VacancyPage() {
  const { id } = useParams();
  const session = useSession();
  const vacancy = useQuery({
    queryKey: ['vacancy', id],
    queryFn: () => getJson<Vacancy>(`/api/v1/vacancies/${encodeURIComponent(id ?? '')}`),
  });
  if (vacancy.isError) return <Problem error={vacancy.error} />;
  if (!vacancy.data) return <p aria-busy="true">Loading the vacancy…</p>;
  const v = vacancy.data;
  const writer = can(session, 'brokering:write') && v.status === 'open';
  const lastOpen = v.round_list.at(-1)?.outcome === 'open';
  const facts: [string, string, string][] = [
    ['School', `${v.school.name}${v.area ? ` (${v.area.name})` : ''}`, 'school'],
    ['Post', postNames[v.post_role], 'post'],
    ['Opened', v.opened_on, 'opened'],
    ['Reason', reasonNames[v.reason], 'reason'],
    ['Leaving', v.leaving?.name ?? '—', 'leaving'],
    ['Cover', coverText(v.cover), 'cover'],
    [
      'Status',
      v.status === 'withdrawn'
        ? `Withdrawn on ${v.withdrawn_on}: ${v.withdrawn_reason}`
        : statusNames[v.status],
      'status',
    ],
    [
      'Appointed',
      v.appointed ? `${v.appointed.name} on ${v.appointed_on}, starting ${v.appointed_starts_on}` : '—',
      'appointed',
    ],
    ['Days to fill', v.days_to_fill === null ? '—' : String(v.days_to_fill), 'days-to-fill'],
    [
      'Filled first time',
      v.filled_first_time === null ? '—' : v.filled_first_time ? 'yes' : 'no, readvertised',
      'first-time',
    ],
  ];
  return (
    <>
      <p>
        <Link to="/vacancies">All vacancies</Link>
      </p>
      <h1>
        {postNames[v.post_role]}, {v.school.name}
      </h1>
      <dl className="facts">
        {facts.map(([label, value, testId]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      {v.notes && <p>{v.notes}</p>}
      <section aria-labelledby="rounds-heading">
        <h2 id="rounds-heading">Recruitment rounds</h2>
        {v.round_list.length === 0 ? (
          <p>Not advertised yet.</p>
        ) : (
          <Scroll label="Recruitment rounds">
            <table data-testid="rounds">
              <thead>
                <tr>
                  <th scope="col">Round</th>
                  <th scope="col">Advertised</th>
                  <th scope="col">Closes</th>
                  <th scope="col" className="number">
                    Applications
                  </th>
                  <th scope="col" className="number">
                    Shortlisted
                  </th>
                  <th scope="col" className="number">
                    Interviewed
                  </th>
                  <th scope="col">Panel</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {v.round_list.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.number}</th>
                    <td>{r.advertised_on}</td>
                    <td>{r.closes_on}</td>
                    <td className="number">{r.applications}</td>
                    <td className="number">{r.shortlisted}</td>
                    <td className="number">{r.interviewed}</td>
                    <td>
                      {r.panel || '—'}
                      {r.governors_on_panel > 0 &&
                        ` (${r.governors_on_panel} governor${r.governors_on_panel === 1 ? '' : 's'})`}
                    </td>
                    <td>
                      {outcomeNames[r.outcome]}
                      {writer && r.outcome === 'open' && <CloseRound vacancy={v} number={r.number} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </section>
      {writer && (
        <section aria-label="Record">
          {!lastOpen && <RoundForm vacancy={v} />}
          {v.rounds > 0 && <AppointForm vacancy={v} />}
          {v.cover ? <ClearCover vacancy={v} /> : <CoverForms vacancy={v} />}
          <WithdrawForm vacancy={v} />
        </section>
      )}
    </>
  );
}
