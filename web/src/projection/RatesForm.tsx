// The projection's rates: a director or admin (a role for the whole authority that may change brokering)
// edits them here, each checked before it is sent with an error naming the rate; everyone else reads them.
// Below, who changed them, when, and what. Saving refreshes the projection above.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  ProjectionRates,
  projectionRatesRoute,
  ratesChangesRoute,
  updateProjectionRatesRoute,
} from '../../../src/projection/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { groupLabels } from './labels.ts';

type Conversion = ProjectionRates['conversion'];
const kinds = Object.keys(groupLabels) as (keyof Conversion)[];
const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

interface Draft {
  leaving: { from_years: string; rate: string }[];
  conversion: Record<keyof Conversion, string>;
  low: string;
  high: string;
  method: ProjectionRates['method'];
}

const draftOf = (r: ProjectionRates): Draft => ({
  leaving: r.leaving.map((b) => ({ from_years: String(b.from_years), rate: String(b.rate) })),
  conversion: Object.fromEntries(kinds.map((k) => [k, String(r.conversion[k])])) as Draft['conversion'],
  low: String(r.low),
  high: String(r.high),
  method: r.method,
});

/** The rates to send, or each problem naming the rate it is about. */
function check(d: Draft): { rates: ProjectionRates } | { problems: string[] } {
  const problems: string[] = [];
  const share = (label: string, text: string) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
      problems.push(`${label}: “${text}” is not a share from 0 to 1 (0.06 is 6%)`);
    return n;
  };
  const leaving = d.leaving.map((b, i) => {
    const from = Number(b.from_years);
    if (!Number.isInteger(from) || from < 0 || from > 60)
      problems.push(`Leaving band ${i + 1}: “${b.from_years}” years is not a whole number from 0 to 60`);
    else if (i === 0 && from !== 0) problems.push('Leaving band 1 must start at 0 years');
    else if (i > 0 && from <= Number(d.leaving[i - 1]?.from_years))
      problems.push(`Leaving band ${i + 1}: starts at ${from} years, not after the band before`);
    return { from_years: from, rate: share(`Leaving rate from ${b.from_years} years`, b.rate) };
  });
  const conversion = Object.fromEntries(
    kinds.map((k) => [k, share(`Conversion rate, ${groupLabels[k]}`, d.conversion[k])]),
  ) as Conversion;
  const [low, high] = [Number(d.low), Number(d.high)];
  if (!(low >= 0.1 && low <= 1)) problems.push(`Low scenario factor: “${d.low}” is not from 0.1 to 1`);
  if (!(high >= 1 && high <= 5)) problems.push(`High scenario factor: “${d.high}” is not from 1 to 5`);
  return problems.length > 0 ? { problems } : { rates: { leaving, conversion, low, high, method: d.method } };
}

function Editor({ rates }: { rates: ProjectionRates }) {
  const [draft, setDraft] = useState(() => draftOf(rates));
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const { error, run } = useAction();
  const band = (i: number, part: 'from_years' | 'rate', value: string) =>
    setDraft({ ...draft, leaving: draft.leaving.map((b, j) => (j === i ? { ...b, [part]: value } : b)) });
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const checked = check(draft);
    if ('problems' in checked) return setProblems(checked.problems);
    setProblems([]);
    return run(async () => {
      await send(
        'PUT',
        '/api/v1/projection/rates',
        checked.rates satisfies Body<typeof updateProjectionRatesRoute>,
      );
      setSaved(true);
    });
  };
  return (
    <form onSubmit={save} data-testid="rates-form" noValidate>
      <fieldset>
        <legend>Heads leaving a year, by years in the headship</legend>
        {draft.leaving.map((b, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: bands are edited in place by position
          <div key={i} className="filters">
            <label>
              From years{' '}
              <input
                inputMode="numeric"
                value={b.from_years}
                onChange={(e) => band(i, 'from_years', e.target.value)}
              />
            </label>
            <label>
              Rate (0 to 1){' '}
              <input inputMode="decimal" value={b.rate} onChange={(e) => band(i, 'rate', e.target.value)} />
            </label>
            {draft.leaving.length > 1 && (
              <button
                type="button"
                className="link"
                onClick={() => setDraft({ ...draft, leaving: draft.leaving.filter((_, j) => j !== i) })}
              >
                Remove band {i + 1}
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          className="link"
          onClick={() => {
            const last = Number(draft.leaving.at(-1)?.from_years ?? 0);
            setDraft({
              ...draft,
              leaving: [...draft.leaving, { from_years: String(last + 5), rate: '0.1' }],
            });
          }}
        >
          Add a band
        </button>
      </fieldset>
      <fieldset>
        <legend>Taking up a headship here a year, by group</legend>
        <div className="filters">
          {kinds.map((k) => (
            <label key={k}>
              {groupLabels[k]} (0 to 1){' '}
              <input
                inputMode="decimal"
                value={draft.conversion[k]}
                onChange={(e) =>
                  setDraft({ ...draft, conversion: { ...draft.conversion, [k]: e.target.value } })
                }
              />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Scenarios and method</legend>
        <div className="filters">
          <label>
            Low factor (0.1 to 1){' '}
            <input
              inputMode="decimal"
              value={draft.low}
              onChange={(e) => setDraft({ ...draft, low: e.target.value })}
            />
          </label>
          <label>
            High factor (1 to 5){' '}
            <input
              inputMode="decimal"
              value={draft.high}
              onChange={(e) => setDraft({ ...draft, high: e.target.value })}
            />
          </label>
          <Choice
            label="Heads leave at"
            value={draft.method}
            onChange={(method) => setDraft({ ...draft, method: method as ProjectionRates['method'] })}
            options={[
              { value: 'rates', label: 'the rates by years in post' },
              { value: 'history', label: 'the authority’s own three-year history' },
            ]}
          />
        </div>
      </fieldset>
      {problems.length > 0 && (
        <ul role="alert" className="problem" data-testid="rate-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {error && <Problem error={error} />}
      <button type="submit">Save the rates</button>
      {saved && <span role="status"> Saved: the projection above uses them now.</span>}
    </form>
  );
}

function Reader({ rates }: { rates: ProjectionRates }) {
  return (
    <dl className="facts" data-testid="rates-read">
      {rates.leaving.map((b, i) => {
        const next = rates.leaving[i + 1];
        return (
          <div key={b.from_years}>
            <dt>
              Leaving,{' '}
              {next ? `${b.from_years}–${next.from_years - 1} years` : `${b.from_years} years or more`}
            </dt>
            <dd>{percent(b.rate)}</dd>
          </div>
        );
      })}
      {kinds.map((k) => (
        <div key={k}>
          <dt>{groupLabels[k]}</dt>
          <dd>{percent(rates.conversion[k])}</dd>
        </div>
      ))}
      <div>
        <dt>Low / high factor</dt>
        <dd>
          {rates.low} / {rates.high}
        </dd>
      </div>
    </dl>
  );
}

export function RatesSection() {
  const session = useSession();
  // The API refuses others; they read the rates and their history.
  const editable = session.whole_authority && can(session, 'brokering:write');
  const rates = useQuery({
    queryKey: ['projection-rates'],
    queryFn: () => getJson<Answer<typeof projectionRatesRoute>>('/api/v1/projection/rates'),
  });
  const changes = useQuery({
    queryKey: ['projection-rates-changes'],
    queryFn: () => getJson<Answer<typeof ratesChangesRoute>>('/api/v1/projection/rates/changes'),
  });
  return (
    <section aria-labelledby="rates-heading">
      <h2 id="rates-heading">The rates</h2>
      <p>
        {editable
          ? 'You may change the rates for the whole authority: each is a share from 0 to 1. Every change is audited.'
          : 'Set by a director or administrator for the whole authority; every change is audited.'}
      </p>
      {rates.isError && <Problem error={rates.error} />}
      {rates.data &&
        (editable ? (
          <Editor key={JSON.stringify(rates.data)} rates={rates.data} />
        ) : (
          <Reader rates={rates.data} />
        ))}
      <h3>Changes</h3>
      {changes.isError && <Problem error={changes.error} />}
      {changes.data &&
        (changes.data.changes.length === 0 ? (
          <p>Never changed: the shipped defaults are in force.</p>
        ) : (
          <ul data-testid="rates-changes">
            {changes.data.changes.map((c) => (
              <li key={c.at + c.by}>
                {new Date(c.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}, {c.by}:{' '}
                {c.changed.join('; ')}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
