// The Data page's element ranges: each data element's smallest and largest value (imports refuse a value
// outside), how many stored values lie outside, and a form to change a range. A change keeps the values
// already stored and says how many now fall outside, listing the first. For whole-authority roles that
// may change KPIs; the server checks again.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type {
  listDataElementsRoute,
  RangeSet,
  setElementRangeRoute,
} from '../../../src/kpi/element-contract.ts';
import { getJson, path, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAction } from '../useAction.ts';

const bound = (x: number | null) => (x === null ? '' : String(x));
const shown = (x: number | null) => (x === null ? 'no bound' : x.toLocaleString('en-GB'));
/** A blank box is no bound; anything else must be a number (the browser's number input sees to it). */
const parsed = (text: string) => (text.trim() === '' ? null : Number(text));

function RangeForm({
  elements,
  onSaved,
}: {
  elements: Answer<typeof listDataElementsRoute>['elements'];
  onSaved: (result: RangeSet) => void;
}) {
  const editable = elements.filter((e) => !e.computed);
  const [code, setCode] = useState(editable[0]?.code ?? '');
  const current = editable.find((e) => e.code === code);
  const [min, setMin] = useState(bound(current?.min_value ?? null));
  const [max, setMax] = useState(bound(current?.max_value ?? null));
  const { error, run } = useAction();
  const minId = useId();
  const maxId = useId();
  const choose = (next: string) => {
    const element = editable.find((e) => e.code === next);
    setCode(next);
    setMin(bound(element?.min_value ?? null));
    setMax(bound(element?.max_value ?? null));
  };
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () =>
          onSaved(
            await send<Answer<typeof setElementRangeRoute>>(
              'PUT',
              `/api/v1/data-elements/${path(code)}/range`,
              {
                min_value: parsed(min),
                max_value: parsed(max),
              },
            ),
          ),
        );
      }}
    >
      <Choice
        label="Element"
        value={code}
        onChange={choose}
        options={editable.map((e) => ({ value: e.code, label: e.code }))}
      />
      <label htmlFor={minId}>Smallest</label>
      <input
        id={minId}
        type="number"
        step="any"
        value={min}
        size={8}
        onChange={(e) => setMin(e.target.value)}
      />
      <label htmlFor={maxId}>Largest</label>
      <input
        id={maxId}
        type="number"
        step="any"
        value={max}
        size={8}
        onChange={(e) => setMax(e.target.value)}
      />
      <button type="submit">Save the range</button>
      {error && <Problem error={error} />}
    </form>
  );
}

function Saved({ result }: { result: RangeSet }) {
  const { element, examples } = result;
  return (
    <div role="status" data-testid="range-saved">
      <p>
        {element.code} now takes values from {shown(element.min_value)} to {shown(element.max_value)}.{' '}
        {element.outside === 0
          ? 'Every stored value is within it.'
          : `${element.outside.toLocaleString('en-GB')} stored value${element.outside === 1 ? '' : 's'} fall${element.outside === 1 ? 's' : ''} outside it and ${element.outside === 1 ? 'is' : 'are'} kept as ${element.outside === 1 ? 'it was' : 'they were'}: correct them by importing them again.`}
      </p>
      {examples.length > 0 && (
        <ul>
          {examples.map((x) => (
            <li key={`${x.school_code}-${x.period}`}>
              {x.school} ({x.school_code}), {x.period}: {x.value.toLocaleString('en-GB')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ElementRanges() {
  const elements = useQuery({
    queryKey: ['data-elements'],
    queryFn: () => getJson<Answer<typeof listDataElementsRoute>>('/api/v1/data-elements'),
  });
  const [saved, setSaved] = useState<RangeSet | null>(null);
  if (elements.error) return <Problem error={elements.error} />;
  const list = elements.data?.elements ?? [];
  return (
    <section aria-labelledby="element-ranges">
      <h2 id="element-ranges">Valid ranges of data elements</h2>
      <p>
        A file with a value outside its element’s range is refused, naming the row and column. Changing a
        range keeps the values already stored and counts those now outside it.
      </p>
      {list.length > 0 && <RangeForm elements={list} onSaved={setSaved} />}
      {saved && <Saved result={saved} />}
      <Scroll label="Element ranges table">
        <table className="grid" data-testid="element-ranges">
          <thead>
            <tr>
              <th scope="col">Element</th>
              <th scope="col">Name</th>
              <th scope="col" className="number">
                Smallest
              </th>
              <th scope="col" className="number">
                Largest
              </th>
              <th scope="col" className="number">
                Stored values outside
              </th>
            </tr>
          </thead>
          <tbody>
            {list
              .filter((e) => !e.computed)
              .map((e) => (
                <tr key={e.code}>
                  <td>
                    <code>{e.code}</code>
                  </td>
                  <td>{e.name}</td>
                  <td className="number">{shown(e.min_value)}</td>
                  <td className="number">{shown(e.max_value)}</td>
                  <td className="number">{e.outside.toLocaleString('en-GB')}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}
