// On a school's page: its inspection history, newest first. A report card shows each evaluation
// area's grade and safeguarding; a legacy inspection its overall grade; every one whether it counts as
// good or better, which is what the authority's good-or-better indicators count.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../src/contract.ts';
import type { SchoolInspection, schoolInspectionsRoute } from '../../../src/inspections/contract.ts';
import { getJson, path, words } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';

const safeguardingWords: Record<NonNullable<SchoolInspection['safeguarding']>, string> = {
  met: 'Met',
  not_met: 'Not met',
};

/** "1 year 3 months" from days: how long ago a reader would say it. */
function sinceWords(days: number): string {
  const months = Math.floor(days / 30.44);
  if (months < 1) return `${days} day${days === 1 ? '' : 's'}`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const part = (n: number, unit: string) => (n > 0 ? `${n} ${unit}${n === 1 ? '' : 's'}` : '');
  return [part(years, 'year'), part(rest, 'month')].filter(Boolean).join(' ');
}

function Judgement({ inspection }: { inspection: SchoolInspection }) {
  const warn = !inspection.good_or_better;
  // A report card's areas are in the table above; here, how many fall below expected standard.
  const below = inspection.areas.filter((a) => !a.good_or_better).length;
  const parts = [
    ...(inspection.safeguarding === 'not_met' ? ['safeguarding not met'] : []),
    ...(below > 0 ? [`${below} area${below === 1 ? '' : 's'} below expected standard`] : []),
  ];
  const outcome =
    inspection.form === 'overall'
      ? `${inspection.overall ?? '—'}${inspection.leadership ? ` (leadership ${inspection.leadership.toLowerCase()})` : ''}`
      : parts.length === 0
        ? 'Every area at expected standard or better'
        : `${parts.join('; ').replace(/^./, (c) => c.toUpperCase())}`;
  return (
    <>
      <span className={warn ? 'warn' : undefined}>{outcome}</span>
      {inspection.category ? <span className="warn"> — {words(inspection.category)}</span> : null}
    </>
  );
}

export function InspectionsSection({ code }: { code: string }) {
  const history = useQuery({
    queryKey: ['inspections', code],
    queryFn: () =>
      getJson<Answer<typeof schoolInspectionsRoute>>(`/api/v1/schools/${path(code)}/inspections`),
  });
  if (history.isPending)
    return (
      <section>
        <h2>Inspections</h2>
        <p aria-busy="true">Loading…</p>
      </section>
    );
  if (history.isError) return <Problem error={history.error} />;
  const { inspections, days_since_last } = history.data;
  const latest = inspections[0];
  const cards = inspections.filter((i) => i.form === 'report_card');
  // The report cards' areas, in the order the frameworks list them: one column each.
  const areas = [
    ...new Map(cards.flatMap((c) => c.areas.map((a) => [a.area, a.area_name] as const))).entries(),
  ];
  return (
    <section data-testid="inspections">
      <h2>Inspections</h2>
      {latest && days_since_last !== null ? (
        <p>
          Last inspected on {latest.inspected_on}, {sinceWords(days_since_last)} ago, {latest.framework_name}:{' '}
          {latest.good_or_better ? (
            <strong>good or better</strong>
          ) : (
            <strong className="warn">below good</strong>
          )}
          {latest.category ? <span className="warn"> — {words(latest.category)}</span> : null}
          {latest.safeguarding === 'not_met' ? <span className="warn"> — safeguarding not met</span> : null}.
        </p>
      ) : (
        <p>No inspection on record.</p>
      )}
      {cards.length > 0 ? (
        <Scroll label="Report cards">
          <table>
            <caption>Report cards: each evaluation area's grade</caption>
            <thead>
              <tr>
                <th scope="col">Inspected</th>
                {areas.map(([area, name]) => (
                  <th key={area} scope="col">
                    {name}
                  </th>
                ))}
                <th scope="col">Safeguarding</th>
              </tr>
            </thead>
            <tbody>
              {cards.map((card) => (
                <tr key={card.inspected_on}>
                  <th scope="row" className="date">
                    {card.inspected_on}
                  </th>
                  {areas.map(([area]) => {
                    const grade = card.areas.find((a) => a.area === area);
                    return (
                      <td key={area} className={grade && !grade.good_or_better ? 'warn' : undefined}>
                        {grade?.grade_name ?? 'Not applicable'}
                      </td>
                    );
                  })}
                  <td className={card.safeguarding === 'not_met' ? 'warn' : undefined}>
                    {card.safeguarding ? safeguardingWords[card.safeguarding] : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : null}
      {inspections.length > 0 ? (
        <Scroll label="Every inspection">
          <table>
            <caption>Every inspection, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Inspected</th>
                <th scope="col">Framework</th>
                <th scope="col">Judgement</th>
                <th scope="col">Good or better</th>
              </tr>
            </thead>
            <tbody>
              {inspections.map((i) => (
                <tr key={i.inspected_on}>
                  <th scope="row" className="date">
                    {i.inspected_on}
                  </th>
                  <td>{i.framework_name}</td>
                  <td>
                    <Judgement inspection={i} />
                  </td>
                  <td>{i.good_or_better ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : null}
    </section>
  );
}
