// The three forms of the categories page: define or change a category (its options one per line), define
// a combination of categories, and keep a data element by a combination. Each says what the server
// refused beside it; the server checks the role and every rule again.
import { useId, useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type {
  assignCategoriesRoute,
  Categories,
  saveCategoryRoute,
  saveComboRoute,
} from '../../../src/kpi/categories-contract.ts';
import type { DataElement } from '../../../src/kpi/element-contract.ts';
import { send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';

const path = encodeURIComponent;

/** "ENGLISH English" or "ENGLISH = English", one option a line; a line with a code alone is named by it. */
function optionsFrom(text: string): { code: string; name: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.includes('=') ? line.indexOf('=') : line.search(/\s/);
      if (at < 0) return { code: line, name: line };
      const code = line.slice(0, at).trim();
      return { code, name: line.slice(at + 1).trim() || code };
    });
}

const optionsText = (options: { code: string; name: string }[]) =>
  options.map((o) => `${o.code} = ${o.name}`).join('\n');

/** A definition's code (fixed once it exists: values and formulas name it) and its name. */
function CodeAndName(props: {
  code: string;
  name: string;
  onCode: (code: string) => void;
  onName: (name: string) => void;
  fixed: boolean;
}) {
  const ids = { code: useId(), name: useId() };
  return (
    <>
      <label htmlFor={ids.code}>Code</label>
      <input
        id={ids.code}
        value={props.code}
        required
        size={16}
        pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,31}"
        title="Letters, digits, _ or -, at most 32"
        readOnly={props.fixed}
        onChange={(e) => props.onCode(e.target.value)}
      />
      <label htmlFor={ids.name}>Name</label>
      <input
        id={ids.name}
        value={props.name}
        required
        size={30}
        onChange={(e) => props.onName(e.target.value)}
      />
    </>
  );
}

export function CategoryForm({ editing }: { editing: Categories['categories'][number] | null }) {
  const [code, setCode] = useState(editing?.code ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [options, setOptions] = useState(editing ? optionsText(editing.options) : '');
  const [saved, setSaved] = useState<string | null>(null);
  const { error, run } = useAction();
  const ids = { options: useId(), hint: useId() };
  return (
    <form
      aria-label="Define a category"
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        void run(async () => {
          const answer = await send<Answer<typeof saveCategoryRoute>>(
            'PUT',
            `/api/v1/categories/${path(code.trim())}`,
            {
              name: name.trim(),
              options: optionsFrom(options),
            },
          );
          setSaved(
            `Saved ${answer.category}: ${answer.options.join(', ')}.` +
              (answer.elements.length ? ` Derived again: ${answer.elements.join(', ')}.` : ''),
          );
        });
      }}
    >
      <CodeAndName code={code} name={name} onCode={setCode} onName={setName} fixed={editing !== null} />
      <label htmlFor={ids.options}>Options, in order</label>
      <p id={ids.hint} className="hint">
        One a line: its code, then its name (<code>ENGLISH = English</code>). Codes are unique across
        categories: formulas name them, as{' '}
        <code>
          #{'{'}pupils_enrolled.ENGLISH{'}'}
        </code>
        . An option that values are kept by cannot be taken away.
      </p>
      <textarea
        id={ids.options}
        aria-describedby={ids.hint}
        value={options}
        required
        rows={Math.max(3, options.split('\n').length + 1)}
        cols={40}
        onChange={(e) => setOptions(e.target.value)}
      />
      <div>
        <button type="submit">{editing ? `Save ${editing.code}` : 'Define the category'}</button>
      </div>
      {saved && <p role="status">{saved}</p>}
      {error && <Problem error={error} />}
    </form>
  );
}

export function ComboForm({ categories }: { categories: Categories['categories'] }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const { error, run } = useAction();
  return (
    <form
      aria-label="Define a combination"
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        void run(async () => {
          const answer = await send<Answer<typeof saveComboRoute>>(
            'PUT',
            `/api/v1/category-combos/${path(code.trim())}`,
            {
              name: name.trim(),
              categories: chosen,
            },
          );
          setSaved(
            `Saved ${answer.combo}: ${answer.categories.join(' × ')}, ${answer.option_combos} option combinations.`,
          );
        });
      }}
    >
      <CodeAndName code={code} name={name} onCode={setCode} onName={setName} fixed={false} />
      <fieldset>
        <legend>Its categories, in the order ticked{chosen.length ? `: ${chosen.join(' × ')}` : ''}</legend>
        {categories.map((c) => (
          <label key={c.code} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(c.code)}
              onChange={(e) =>
                setChosen(e.target.checked ? [...chosen, c.code] : chosen.filter((x) => x !== c.code))
              }
            />{' '}
            {c.name} ({c.code})
          </label>
        ))}
      </fieldset>
      <div>
        <button type="submit" disabled={chosen.length === 0}>
          Define the combination
        </button>
      </div>
      {saved && <p role="status">{saved}</p>}
      {error && <Problem error={error} />}
    </form>
  );
}

export function KeepByForm({ combos, elements }: { combos: Categories['combos']; elements: DataElement[] }) {
  const imported = elements.filter((e) => !e.computed);
  const [element, setElement] = useState(imported[0]?.code ?? '');
  const [combo, setCombo] = useState(combos[0]?.code ?? 'default');
  const [total, setTotal] = useState(true);
  const [saved, setSaved] = useState<string | null>(null);
  const { error, run } = useAction();
  const ids = { element: useId(), combo: useId(), total: useId() };
  return (
    <form
      aria-label="Keep an element by categories"
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        void run(async () => {
          const answer = await send<Answer<typeof assignCategoriesRoute>>(
            'PUT',
            `/api/v1/data-elements/${path(element)}/categories`,
            { combo, aggregation: total ? 'sum' : 'none' },
          );
          setSaved(
            answer
              ? `${answer.element} is kept by ${answer.combo}: formulas may use ${answer.operands.map((o) => `#{${o}}`).join(', ')}.`
              : `${element} has no categories.`,
          );
        });
      }}
    >
      <label htmlFor={ids.element}>Element</label>
      <select id={ids.element} value={element} onChange={(e) => setElement(e.target.value)}>
        {imported.map((e) => (
          <option key={e.code} value={e.code}>
            {e.name} ({e.code})
          </option>
        ))}
      </select>
      <label htmlFor={ids.combo}>Kept by</label>
      <select id={ids.combo} value={combo} onChange={(e) => setCombo(e.target.value)}>
        {combos.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} ({c.code})
          </option>
        ))}
        <option value="default">No categories</option>
      </select>
      <label htmlFor={ids.total} className="check">
        <input id={ids.total} type="checkbox" checked={total} onChange={(e) => setTotal(e.target.checked)} />{' '}
        Its total is the sum of its options
      </label>
      <button type="submit">Save</button>
      {saved && <p role="status">{saved}</p>}
      {error && <Problem error={error} />}
    </form>
  );
}
