// An indicator for one unit split by a category's options (issue 25): by sex, by grade. Each option's
// figure is the indicator on that option's values, summed over the unit's schools before dividing, as
// the API computes it (GET /analytics/breakdown); the whole is shown beneath for comparison.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../src/contract.ts';
import type { IndicatorHeading } from '../../../src/dashboards/contract.ts';
import type { breakdownRoute } from '../../../src/kpi/categories-contract.ts';
import type { IndicatorResult, listIndicatorsRoute } from '../../../src/kpi/contract.ts';
import { getJson } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { BandedValue } from '../format.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useUrlState } from '../useUrlState.ts';

const count = (x: number | null) => (x === null ? '–' : x.toLocaleString('en-GB'));

function Row({
  heading,
  label,
  result,
  whole,
  ratio,
}: {
  heading: Pick<IndicatorHeading, 'decimals' | 'unit'>;
  label: string;
  result: IndicatorResult;
  whole?: boolean;
  /** A rate or ratio shows what it is out of; a count (over 1) does not. */
  ratio: boolean;
}) {
  return (
    <tr className={whole ? 'total' : undefined}>
      <th scope="row">{label}</th>
      <td className="number">
        <BandedValue
          heading={heading}
          cell={{
            value: result.value,
            band: result.band,
            trend: result.trend.direction,
            arrow: result.trend.arrow,
            slope: null,
            completeness: null,
            target: result.target,
            latest: null,
          }}
        />
      </td>
      <td className="number">{count(result.numerator)}</td>
      {ratio && <td className="number">{count(result.denominator)}</td>}
    </tr>
  );
}

export function Breakdown({
  heading,
  orgUnit,
  unitName,
  period,
  by,
  onBy,
}: {
  heading: Pick<IndicatorHeading, 'code' | 'name' | 'decimals' | 'unit'>;
  orgUnit: string;
  unitName: string;
  period: string;
  /** The category in the address; "" for the indicator's first. */
  by: string;
  onBy: (category: string) => void;
}) {
  const query = new URLSearchParams({
    indicator: heading.code,
    period,
    org_unit: orgUnit,
    ...(by ? { by } : {}),
  });
  const split = useQuery({
    queryKey: ['breakdown', heading.code, period, orgUnit, by],
    queryFn: () => getJson<Answer<typeof breakdownRoute>>(`/api/v1/analytics/breakdown?${query}`),
  });
  if (split.isError) return <Problem error={split.error} />;
  if (!split.data) return <p aria-busy="true">Splitting…</p>;
  const { categories, category, options, total } = split.data;
  if (categories.length === 0)
    return (
      <p data-testid="breakdown-none">
        {heading.name} is not kept by category: its data elements have no categories (sex, grade).
      </p>
    );
  const categoryName = categories.find((c) => c.code === category)?.name ?? category;
  const ratio = [total, ...options].some((o) => o.denominator !== null && o.denominator !== 1);
  return (
    <div data-testid="breakdown">
      <Choice
        label="Split by"
        value={category}
        onChange={onBy}
        options={categories.map((c) => ({ value: c.code, label: c.name.toLowerCase() }))}
      />
      <Scroll label={`${heading.name} by ${categoryName.toLowerCase()}`}>
        <table className="grid">
          <caption>
            {unitName}, {split.data.period}
          </caption>
          <thead>
            <tr>
              <th scope="col">{categoryName}</th>
              <th scope="col" className="number">
                Value
              </th>
              <th scope="col" className="number">
                Counted
              </th>
              {ratio && (
                <th scope="col" className="number">
                  Out of
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {options
              .filter((o) => o.value !== null || o.numerator !== null)
              .map((o) => (
                <Row key={o.option} heading={heading} label={o.option_name} result={o} ratio={ratio} />
              ))}
            <Row heading={heading} label="All" result={total} whole ratio={ratio} />
          </tbody>
        </table>
      </Scroll>
      {options.every((o) => o.value === null && o.numerator === null) && (
        <p className="muted">No values by {categoryName.toLowerCase()} in this period.</p>
      )}
    </div>
  );
}

/** A school's (or any unit's) split, with the indicator and category chosen on the page and kept in the address. */
export function UnitBreakdown({
  orgUnit,
  unitName,
  period,
}: {
  orgUnit: string;
  unitName: string;
  period: string;
}) {
  const [state, change] = useUrlState({ split_indicator: 'attendance_rate', by: '' });
  const catalogue = useQuery({
    queryKey: ['indicators'],
    queryFn: () => getJson<Answer<typeof listIndicatorsRoute>>('/api/v1/indicators'),
  });
  const heading = catalogue.data?.indicators.find((i) => i.code === state.split_indicator);
  return (
    <section data-testid="unit-breakdown">
      <h2>By sex and grade</h2>
      <Choice
        label="Indicator"
        value={state.split_indicator}
        onChange={(value) => change({ split_indicator: value, by: '' })}
        options={codeOptions(catalogue.data?.indicators)}
      />
      {heading && (
        <Breakdown
          heading={heading}
          orgUnit={orgUnit}
          unitName={unitName}
          period={period}
          by={state.by}
          onBy={(by) => change({ by })}
        />
      )}
    </section>
  );
}
