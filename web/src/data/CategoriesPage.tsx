// Categories: the categories with their options, the combinations an element can be kept by, and the
// elements kept by one (with the option elements formulas may use), and the forms that define the
// authority's own and keep an element by them. For whole-authority roles that may change KPIs; the
// server checks again.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { listCategoriesRoute } from '../../../src/kpi/categories-contract.ts';
import type { listDataElementsRoute } from '../../../src/kpi/element-contract.ts';
import { getJson } from '../api.ts';
import { NoAccess } from '../NoAccess.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { CategoryForm, ComboForm, KeepByForm } from './CategoryForms.tsx';

export function CategoriesPage() {
  const session = useSession();
  const allowed = session.whole_authority && can(session, 'kpi:write');
  const categories = useQuery({
    queryKey: ['categories'],
    queryFn: () => getJson<Answer<typeof listCategoriesRoute>>('/api/v1/categories'),
    enabled: allowed,
  });
  const elements = useQuery({
    queryKey: ['data-elements'],
    queryFn: () => getJson<Answer<typeof listDataElementsRoute>>('/api/v1/data-elements'),
    enabled: allowed,
  });
  const [editing, setEditing] = useState<string | null>(null);
  if (!allowed)
    return (
      <NoAccess title="Categories" needs="define categories (whole-authority roles that may change KPIs)" />
    );
  const data = categories.data;
  const edited = data?.categories.find((c) => c.code === editing) ?? null;
  return (
    <>
      <p>
        <Link to="/data">Data</Link>
      </p>
      <h1>Categories</h1>
      <p>
        A data element kept by a combination of categories (sex, grade, or the authority&rsquo;s own) holds a
        value per option combination; its total is their sum, and each option is an element formulas may use,
        so a parity index or girls&rsquo; attendance is an indicator like any other. Imports then refuse a
        value without its option, by row and column.
      </p>
      {categories.error && <Problem error={categories.error} />}
      {data && (
        <>
          <section aria-labelledby="categories-heading">
            <h2 id="categories-heading">Categories and their options</h2>
            <Scroll label="Categories">
              <table className="grid" data-testid="categories">
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Name</th>
                    <th scope="col">Options</th>
                    <th scope="col">
                      <span className="sr-only">Change</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.categories.map((c) => (
                    <tr key={c.code}>
                      <td>
                        <code>{c.code}</code>
                      </td>
                      <td>{c.name}</td>
                      <td>{c.options.map((o) => `${o.name} (${o.code})`).join(', ')}</td>
                      <td>
                        <button
                          type="button"
                          className="link"
                          aria-label={`Change ${c.name}`}
                          onClick={() => setEditing(c.code)}
                        >
                          Change
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
            <h3>{edited ? `Change ${edited.name}` : 'Define a category'}</h3>
            {edited && (
              <p>
                <button type="button" className="link" onClick={() => setEditing(null)}>
                  Define a new category instead
                </button>
              </p>
            )}
            <CategoryForm key={edited?.code ?? 'new'} editing={edited} />
          </section>
          <section aria-labelledby="combos-heading">
            <h2 id="combos-heading">Combinations</h2>
            <Scroll label="Combinations">
              <table className="grid" data-testid="combos">
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Name</th>
                    <th scope="col">Categories</th>
                    <th scope="col" className="number">
                      Option combinations
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.combos.map((c) => (
                    <tr key={c.code}>
                      <td>
                        <code>{c.code}</code>
                      </td>
                      <td>{c.name}</td>
                      <td>{c.categories.join(' × ')}</td>
                      <td className="number">{c.option_combos.length.toLocaleString('en-GB')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
            <h3>Define a combination</h3>
            <ComboForm categories={data.categories} />
          </section>
          <section aria-labelledby="elements-heading">
            <h2 id="elements-heading">Elements kept by categories</h2>
            {data.elements.length === 0 ? (
              <p>No element is kept by categories yet.</p>
            ) : (
              <Scroll label="Elements kept by categories">
                <table className="grid" data-testid="kept-elements">
                  <thead>
                    <tr>
                      <th scope="col">Element</th>
                      <th scope="col">Kept by</th>
                      <th scope="col">Total</th>
                      <th scope="col">Formulas may use</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.elements.map((e) => (
                      <tr key={e.element}>
                        <td>
                          {e.name} (<code>{e.element}</code>)
                        </td>
                        <td>{e.combo}</td>
                        <td>{e.aggregation === 'sum' ? 'the sum of its options' : 'none'}</td>
                        <td>{e.operands.map((o) => `#{${o}}`).join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Scroll>
            )}
            <h3>Keep an element by categories</h3>
            {elements.data && <KeepByForm combos={data.combos} elements={elements.data.elements} />}
          </section>
        </>
      )}
    </>
  );
}
