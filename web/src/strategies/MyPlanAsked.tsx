// "My part of the plan"'s first section: what the open termly cycle asks of the signed-in person, overdue
// first, each with its update form in place (an action's status, or a strand or overall summary), and for
// a strand lead the strand's actions still waiting for their leads' updates.
import type { MyItem } from '../../../src/strategies/contract.ts';
import { UpdateStatus } from './ActionForms.tsx';
import { daysText, OutcomeTag } from './CycleLabels.tsx';
import { CycleSummaryForm } from './CycleSummaryForm.tsx';

const asked = (item: MyItem) => item.request !== null && item.request.met_on === null;

export function MyPlanAsked({ items }: { items: MyItem[] }) {
  const waiting = items.filter(asked);
  const strands = items.filter((i) => i.kind === 'strand' && i.not_updated.length > 0);
  if (waiting.length === 0 && strands.length === 0) return null;
  return (
    <section aria-labelledby="asked">
      <h2 id="asked">Asked of you this term ({waiting.length})</h2>
      <ul className="actions" data-testid="asked">
        {waiting.map((item) => {
          const request = item.request as NonNullable<MyItem['request']>;
          const what =
            item.kind === 'action'
              ? `${item.code} ${item.title}`
              : item.kind === 'strand'
                ? `the ${item.code} ${item.title} strand`
                : item.title;
          return (
            <li key={`${item.kind}-${item.id}`}>
              <strong>
                {item.kind === 'action'
                  ? 'Update'
                  : item.kind === 'strand'
                    ? 'Strand summary'
                    : 'Overall summary'}{' '}
                due for {what} by {request.due_on}
              </strong>{' '}
              <span
                className={request.days_overdue !== null && request.days_overdue > 0 ? 'band red' : 'band'}
              >
                {daysText(request.days_overdue ?? 0)}
              </span>{' '}
              <span className="muted">
                ({item.strategy.name}, {request.term})
              </span>
              <details>
                <summary>
                  {item.kind === 'action' ? 'Record the update' : 'Write the summary'}
                  <span className="sr-only">: {what}</span>
                </summary>
                {item.kind === 'action' && item.status ? (
                  <UpdateStatus id={item.id} status={item.status} />
                ) : (
                  <CycleSummaryForm
                    code={item.strategy.code}
                    term={request.term}
                    strandId={item.kind === 'strand' ? item.id : null}
                    what={what}
                  />
                )}
              </details>
            </li>
          );
        })}
      </ul>
      {strands.map((strand) => (
        <div key={strand.id} data-testid="strand-waiting">
          <h3>
            {strand.code} {strand.title}: actions not yet updated ({strand.not_updated.length})
          </h3>
          <ul>
            {strand.not_updated.map((a) => (
              <li key={a.id}>
                {a.code} {a.title} — {a.lead ?? <span className="band red">No lead</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

export function AskedCell({ item }: { item: MyItem }) {
  if (!item.request) return <>–</>;
  return (
    <>
      <OutcomeTag outcome={item.request.outcome} />{' '}
      <span className="muted">
        {item.request.term}, due {item.request.due_on}
      </span>
    </>
  );
}
