// A proposal: the total fit beside its proven bound; the decision bar (accept by rule, with exceptions
// and single swaps and rejects); the pairs by area with counts, paged, filtered in the address; the
// unmet needs with why. Applying decisions matches the rest in the background, its progress shown.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type {
  bulkDecideRoute,
  DecisionReport,
  ProposedPair,
  proposalRoute,
} from '../../../src/brokering/proposal-contract.ts';
import type { Answer, Body } from '../../../src/contract.ts';
import { getJson, path, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { can, useSession } from '../session.tsx';
import { useAreaNames } from '../useAreas.ts';
import { useUrlState } from '../useUrlState.ts';
import { acceptRule, DecisionBar, type RuleKind, takes } from './DecisionBar.tsx';
import { kindName } from './labels.ts';
import { type DecidedState, MatchProgress } from './MatchProgress.tsx';
import { PairAreas } from './PairAreas.tsx';
import { PairCard, type PairChoice } from './PairCard.tsx';

const PAGE_SIZE = 20;
const noArea = '(no area)';
const areaOf = (pair: ProposedPair) => pair.area ?? noArea;

function Unmet({ id, unmet }: { id: number; unmet: Answer<typeof proposalRoute>['unmet'] }) {
  const [open, setOpen] = useState(false);
  if (unmet.length === 0) return null;
  return (
    <section aria-labelledby="unmet-heading">
      <h2 id="unmet-heading">Not matched ({unmet.length.toLocaleString('en-GB')})</h2>
      <p>
        <Link to={`/brokering/shortfall?proposal=${id}`}>The shortfall, by kind and area</Link>
      </p>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide' : 'Show'} the needs not matched and why
      </button>
      {open && (
        <ul data-testid="unmet">
          {unmet.map((u) => (
            <li key={u.need}>
              <Link to={`/schools/${path(u.school)}`}>{u.school_name}</Link>: {kindName(u.kind)}. {u.why}.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A new proposal (after decisions) is a fresh view: no decisions or report carried over from the last. */
export function ProposalPage() {
  const { id = '' } = useParams();
  return <ProposalView key={id} id={id} />;
}

function ProposalView({ id }: { id: string }) {
  const session = useSession();
  const location = useLocation();
  const areaNames = useAreaNames();
  const [view, setView] = useUrlState({ rule: '', fit: '0.6', areas: '', show: '', weak: '', page: '1' });
  const [choices, setChoices] = useState<Record<number, PairChoice>>({});
  const [exceptions, setExceptions] = useState<ReadonlySet<number>>(new Set());
  const [report, setReport] = useState<DecisionReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const proposal = useQuery({
    queryKey: ['proposal', id],
    queryFn: () => getJson<Answer<typeof proposalRoute>>(`/api/v1/brokering/proposals/${path(id)}`),
  });
  if (proposal.isError) return <Problem error={proposal.error} />;
  if (!proposal.data) return <p aria-busy="true">Loading the proposal…</p>;
  const p = proposal.data;
  const editable = can(session, 'brokering:write') && report === null;
  const accept = acceptRule({ rule: view.rule as RuleKind, fit: view.fit, areas: view.areas });
  const byRule = p.pairs.filter((pair) => choices[pair.need] === undefined && takes(accept, pair));
  const excepted = byRule.filter((pair) => exceptions.has(pair.need));
  const singles = Object.keys(choices).length;
  const counts = new Map<string, { pairs: number; weak: number; fit: number }>();
  for (const pair of p.pairs) {
    const c = counts.get(areaOf(pair)) ?? { pairs: 0, weak: 0, fit: 0 };
    counts.set(areaOf(pair), {
      pairs: c.pairs + 1,
      weak: c.weak + (pair.weak.length > 0 ? 1 : 0),
      fit: c.fit + pair.fit,
    });
  }
  const areaRows = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([area, c]) => ({ area, ...c }));
  const shown = p.pairs
    .filter(
      (pair) => (!view.show || areaOf(pair) === view.show) && (view.weak !== 'true' || pair.weak.length > 0),
    )
    .sort((a, b) => areaOf(a).localeCompare(areaOf(b)));
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number(view.page) || 1));
  const onPage = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const grouped = new Map<string, ProposedPair[]>();
  for (const pair of onPage) grouped.set(areaOf(pair), [...(grouped.get(areaOf(pair)) ?? []), pair]);
  const groups = [...grouped];
  const decided = (location.state as DecidedState | null)?.decided;

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Body<typeof bulkDecideRoute> = {
        ...(accept ? { accept } : {}),
        except: excepted.map((pair) => pair.need),
        decisions: Object.entries(choices).map(([need, c]) =>
          c.decision === 'swap'
            ? { need: Number(need), decision: 'swap' as const, leader: c.leader }
            : { need: Number(need), decision: 'reject' as const, reason: c.reason },
        ),
      };
      setReport(
        await send<Answer<typeof bulkDecideRoute>>(
          'POST',
          `/api/v1/brokering/proposals/${p.id}/bulk-decisions`,
          body,
        ),
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="crumbs">
        <Link to="/brokering">Support needs</Link> ›
      </p>
      <h1>
        Proposal {p.id} for {areaNames.get(p.unit) ?? p.unit}
      </h1>
      {decided && !report && (
        <p role="status" className="notice" data-testid="decided">
          {decided.replace(' The rest is being matched again.', '')} This is the match of what was left.
        </p>
      )}
      <p data-testid="proposal-summary">
        {p.pairs.length} of {p.needs} open needs matched from {p.leaders} leaders ({p.candidates} eligible
        pairs). Total fit {p.objective.toFixed(3)}; proven bound {p.bound.toFixed(3)}, a gap of{' '}
        {(p.gap * 100).toFixed(2)}%
        {p.status === 'optimal' ? ' (optimal within the gap asked for)' : ' (stopped at the time limit)'}, in{' '}
        {p.seconds.toFixed(1)} s.
      </p>
      {report && (
        <>
          <p role="status" data-testid="decision-report">
            {report.summary}
          </p>
          <MatchProgress started={report.job} decided={report.summary} />
        </>
      )}
      {editable && p.pairs.length > 0 && (
        <DecisionBar
          rule={{ rule: view.rule as RuleKind, fit: view.fit, areas: view.areas }}
          onRule={(changes) => setView(changes)}
          areaCounts={areaRows
            .filter((a) => a.area !== noArea)
            .map((a) => ({ ...a, name: areaNames.get(a.area) ?? a.area }))}
          taken={byRule.length - excepted.length}
          exceptions={excepted.length}
          singles={singles}
          busy={busy}
          onApply={apply}
        />
      )}
      {error && <Problem error={error} />}
      <PairAreas
        areas={areaRows}
        show={view.show}
        weak={view.weak === 'true'}
        onShow={(show) => setView({ show, page: '1' }, { push: true })}
        onWeak={(weak) => setView({ weak: weak ? 'true' : '', page: '1' })}
      />
      {groups.map(([area, pairs]) => (
        <section key={area} aria-labelledby={`pairs-${area}`}>
          <h3 id={`pairs-${area}`}>
            {areaNames.get(area) ?? area}{' '}
            <span className="muted">({(counts.get(area)?.pairs ?? 0).toLocaleString('en-GB')} pairs)</span>
          </h3>
          <ul className="pairs" data-testid="pairs">
            {pairs.map((pair) => (
              <PairCard
                key={pair.need}
                proposalId={p.id}
                pair={pair}
                editable={editable}
                choice={choices[pair.need]}
                onChoose={(c) =>
                  setChoices(({ [pair.need]: _, ...rest }) => (c ? { ...rest, [pair.need]: c } : rest))
                }
                ruleTakes={choices[pair.need] === undefined && takes(accept, pair)}
                excepted={exceptions.has(pair.need)}
                onExcept={(on) =>
                  setExceptions((old) => {
                    const next = new Set(old);
                    if (on) next.add(pair.need);
                    else next.delete(pair.need);
                    return next;
                  })
                }
              />
            ))}
          </ul>
        </section>
      ))}
      {pages > 1 && (
        <nav aria-label="Pages of pairs" className="pager">
          <button
            type="button"
            disabled={page <= 1}
            onClick={() => setView({ page: String(page - 1) }, { push: true })}
          >
            Previous
          </button>{' '}
          Page {page} of {pages} ({shown.length.toLocaleString('en-GB')} pairs){' '}
          <button
            type="button"
            disabled={page >= pages}
            onClick={() => setView({ page: String(page + 1) }, { push: true })}
          >
            Next
          </button>
        </nav>
      )}
      <Unmet id={p.id} unmet={p.unmet} />
    </>
  );
}
