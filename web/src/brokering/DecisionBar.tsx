// The decisions on a whole proposal, at the top of it: a rule that accepts pairs (every pair, those with
// fit at or above a score, those in some areas), how many pairs it takes less the exceptions ticked
// below, the single swaps and rejects chosen, and one button that applies them all and matches the rest.
import type { ProposedPair } from '../../../src/brokering/proposal-contract.ts';
import { Choice } from '../Choice.tsx';

export type RuleKind = '' | 'all' | 'fit' | 'area';

export interface Rule {
  rule: RuleKind;
  /** The lowest fit accepted, as typed (rule "fit"). */
  fit: string;
  /** Area codes, comma-separated (rule "area"). */
  areas: string;
}

/** The accept rule as the API takes it, or undefined for none (or one not finished). */
export function acceptRule({ rule, fit, areas }: Rule): { min_fit?: number; areas?: string[] } | undefined {
  if (rule === 'all') return {};
  const min = Number(fit);
  if (rule === 'fit') return fit !== '' && min >= 0 && min <= 1 ? { min_fit: min } : undefined;
  const codes = areas.split(',').filter(Boolean);
  if (rule === 'area') return codes.length > 0 ? { areas: codes } : undefined;
  return undefined;
}

/** Whether the rule takes a pair: as the server decides (src/brokering/bulk-decisions.ts). */
export const takes = (accept: ReturnType<typeof acceptRule>, pair: ProposedPair) =>
  accept !== undefined &&
  (accept.min_fit === undefined || pair.fit >= accept.min_fit) &&
  (accept.areas === undefined || (pair.area !== null && accept.areas.includes(pair.area)));

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function DecisionBar({
  rule,
  onRule,
  areaCounts,
  taken,
  exceptions,
  singles,
  busy,
  onApply,
}: {
  rule: Rule;
  onRule: (changes: Partial<Rule>) => void;
  areaCounts: { area: string; name: string; pairs: number }[];
  /** Pairs the rule takes, exceptions and single decisions left out. */
  taken: number;
  exceptions: number;
  singles: number;
  busy: boolean;
  onApply: () => void;
}) {
  const chosenAreas = rule.areas.split(',').filter(Boolean);
  const nothing = taken === 0 && singles === 0;
  return (
    <section className="decision-bar" aria-labelledby="decide-heading" data-testid="decision-bar">
      <h2 id="decide-heading">Decide</h2>
      <Choice<RuleKind>
        label="Accept"
        value={rule.rule}
        onChange={(value) => onRule({ rule: value })}
        options={[
          { value: '', label: 'pair by pair (no rule)' },
          { value: 'all', label: 'every pair' },
          { value: 'fit', label: 'every pair with fit at or above…' },
          { value: 'area', label: 'every pair in areas…' },
        ]}
      />{' '}
      {rule.rule === 'fit' && (
        <label>
          Lowest fit{' '}
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={rule.fit}
            onChange={(e) => onRule({ fit: e.target.value })}
          />
        </label>
      )}
      {rule.rule === 'area' && (
        <fieldset className="areas">
          <legend>Areas</legend>
          {areaCounts.map(({ area, name, pairs }) => (
            <label key={area}>
              <input
                type="checkbox"
                checked={chosenAreas.includes(area)}
                onChange={(e) =>
                  onRule({
                    areas: (e.target.checked
                      ? [...chosenAreas, area].sort()
                      : chosenAreas.filter((a) => a !== area)
                    ).join(','),
                  })
                }
              />{' '}
              {name} ({area}): {pairs}
            </label>
          ))}
        </fieldset>
      )}
      <p data-testid="decision-preview" aria-live="polite">
        {rule.rule === '' ? 'No rule: ' : `The rule takes ${plural(taken + exceptions, 'pair')}`}
        {rule.rule !== '' && exceptions > 0 && `, less ${plural(exceptions, 'exception')} left for review`}
        {rule.rule !== '' && (singles > 0 ? '; ' : '.')}
        {singles > 0 && `${plural(singles, 'single decision')} (swaps and rejects) chosen below.`}
        {rule.rule === '' && singles === 0 && 'choose a rule, or swap and reject pairs below.'}
      </p>
      <button type="button" disabled={nothing || busy} onClick={onApply}>
        {busy
          ? 'Applying…'
          : taken === 0 && singles > 0
            ? `Apply ${plural(singles, 'single decision')} and match the rest`
            : `Accept ${plural(taken, 'pair')}${singles > 0 ? `, apply ${plural(singles, 'single decision')}` : ''} and match the rest`}
      </button>
    </section>
  );
}
