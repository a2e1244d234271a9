// The pull from DHIS2: what is configured (never the credentials), a button to pull now (a range of
// months, or the configured one), and the last runs, each month's result listed under its run.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type { listPullsRoute, pullNowRoute } from '../../../src/dhis2/contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAction } from '../useAction.ts';

type Run = Answer<typeof listPullsRoute>['runs'][number];

const statusWords: Record<Run['status'], string> = {
  running: 'Running',
  succeeded: 'Every month imported',
  partial: 'Some months failed',
  failed: 'Failed',
};

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function RunDetails({ run }: { run: Run }) {
  const failedMonths = run.periods.filter((p) => p.status === 'failed').length;
  return (
    <details>
      <summary>
        {run.periods.length} months{failedMonths > 0 ? `, ${failedMonths} failed` : ''}
      </summary>
      <Scroll label={`Months of pull ${run.id}`}>
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Result</th>
              <th scope="col" className="number">
                Values
              </th>
              <th scope="col" className="number">
                New
              </th>
              <th scope="col" className="number">
                Changed
              </th>
            </tr>
          </thead>
          <tbody>
            {run.periods.map((p) => (
              <tr key={p.period}>
                <td>{p.period}</td>
                <td>{p.status === 'imported' ? 'Imported' : `Failed: ${p.message}`}</td>
                <td className="number">{p.values.toLocaleString('en-GB')}</td>
                <td className="number">{p.imported.toLocaleString('en-GB')}</td>
                <td className="number">{p.updated.toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </details>
  );
}

export function PullPanel() {
  const { data, error: loadError } = useQuery({
    queryKey: ['dhis2-pulls'],
    queryFn: () => getJson<Answer<typeof listPullsRoute>>('/api/v1/dhis2/pulls'),
  });
  const { error, run } = useAction();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const fromId = useId();
  const toId = useId();
  const config = data?.configured;
  return (
    <section aria-labelledby="pull-heading">
      <h2 id="pull-heading">Pull from DHIS2</h2>
      {loadError && <Problem error={loadError} />}
      {data && !config && (
        <p data-testid="pull-config">
          No DHIS2 server is configured. Set <code>HEADWAY_DHIS2_URL</code>,{' '}
          <code>HEADWAY_DHIS2_DATA_SET</code>, <code>HEADWAY_DHIS2_ORG_UNIT</code> and{' '}
          <code>HEADWAY_DHIS2_TOKEN</code> (or a username and password), and Headway pulls every{' '}
          <code>HEADWAY_DHIS2_PULL_EVERY_HOURS</code>.
        </p>
      )}
      {config && (
        <dl className="facts" data-testid="pull-config">
          <dt>Server</dt>
          <dd>{config.url}</dd>
          <dt>Data set</dt>
          <dd>{config.dataSet}</dd>
          <dt>Org unit root</dt>
          <dd>{config.orgUnit} and its children</dd>
          <dt>Months a pull reads</dt>
          <dd>{config.months}, ending with this one</dd>
          <dt>Schedule</dt>
          <dd>{config.everyHours ? `every ${config.everyHours} hours` : 'only when asked'}</dd>
          <dt>Signs in with</dt>
          <dd>{config.auth === 'token' ? 'a personal access token' : 'a username and password'}</dd>
        </dl>
      )}
      {config && (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setBusy(true);
            void run(() =>
              send<Answer<typeof pullNowRoute>>('POST', '/api/v1/dhis2/pulls', {
                ...(from ? { from } : {}),
                ...(to ? { to } : {}),
              }),
            ).finally(() => setBusy(false));
          }}
        >
          <label htmlFor={fromId}>From month</label>
          <input
            id={fromId}
            value={from}
            placeholder="202509"
            inputMode="numeric"
            pattern="\d{6}"
            size={7}
            onChange={(e) => setFrom(e.target.value)}
          />
          <label htmlFor={toId}>To month</label>
          <input
            id={toId}
            value={to}
            placeholder="202608"
            inputMode="numeric"
            pattern="\d{6}"
            size={7}
            onChange={(e) => setTo(e.target.value)}
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Pulling…' : 'Pull now'}
          </button>
        </form>
      )}
      {error && <Problem error={error} />}
      <h3>Last runs</h3>
      {data && data.runs.length === 0 && <p>No pull has run yet.</p>}
      {data && data.runs.length > 0 && (
        <Scroll label="Last pulls">
          <table className="grid" data-testid="pull-runs">
            <thead>
              <tr>
                <th scope="col">Started (UTC)</th>
                <th scope="col">By</th>
                <th scope="col">Months</th>
                <th scope="col">Result</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {data.runs.map((r) => (
                <tr key={r.id}>
                  <td>{when(r.started_at)}</td>
                  <td>{r.started_by}</td>
                  <td>
                    {r.from_period}–{r.to_period}
                  </td>
                  <td>
                    {statusWords[r.status]}
                    {r.message && <div className="muted">{r.message}</div>}
                  </td>
                  <td>
                    <RunDetails run={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  );
}
