// The mapping, one kind at a time (the kind in the address): each Headway code with its DHIS2 UID and
// name, a form that adds or changes one, and a button that removes one. Every change is audited.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type {
  Dhis2MappingKind,
  deleteMappingRoute,
  listMappingsRoute,
  saveMappingRoute,
} from '../../../src/dhis2/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAction } from '../useAction.ts';
import { useUrlState } from '../useUrlState.ts';

const kindNames: Record<Dhis2MappingKind, string> = {
  org_unit: 'Org units',
  data_element: 'Data elements',
  category_option_combo: 'Category option combos',
  data_set: 'Data sets',
};
const kinds = Object.keys(kindNames) as Dhis2MappingKind[];

function MappingForm({ kind }: { kind: Dhis2MappingKind }) {
  const [code, setCode] = useState('');
  const [uid, setUid] = useState('');
  const [name, setName] = useState('');
  const { error, run } = useAction();
  const codeId = useId();
  const uidId = useId();
  const nameId = useId();
  return (
    <form
      className="filters"
      aria-label="Map a code"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await send<Answer<typeof saveMappingRoute>>('PUT', '/api/v1/dhis2/mappings', {
            kind,
            code: code.trim(),
            uid: uid.trim(),
            name: name.trim() || null,
          });
          setCode('');
          setUid('');
          setName('');
        });
      }}
    >
      <label htmlFor={codeId}>Headway code</label>
      <input id={codeId} value={code} required size={12} onChange={(e) => setCode(e.target.value)} />
      <label htmlFor={uidId}>DHIS2 UID</label>
      <input
        id={uidId}
        value={uid}
        required
        size={12}
        pattern="[A-Za-z][A-Za-z0-9]{10}"
        title="11 letters and digits, the first a letter"
        onChange={(e) => setUid(e.target.value)}
      />
      <label htmlFor={nameId}>DHIS2 name</label>
      <input id={nameId} value={name} size={16} onChange={(e) => setName(e.target.value)} />
      <button type="submit">Save</button>
      {error && <Problem error={error} />}
    </form>
  );
}

export function MappingTable() {
  const [state, setState] = useUrlState({ kind: 'org_unit', q: '', page: '1' });
  const page = Math.max(1, Number(state.page) || 1);
  const searchId = useId();
  const kind = (kinds.includes(state.kind as Dhis2MappingKind) ? state.kind : 'org_unit') as Dhis2MappingKind;
  const { data, error } = useQuery({
    queryKey: ['dhis2-mappings', kind, state.q, page],
    queryFn: () =>
      getJson<Answer<typeof listMappingsRoute>>(
        `/api/v1/dhis2/mappings?${new URLSearchParams({ kind, q: state.q, page: String(page) })}`,
      ),
  });
  const remove = useAction();
  return (
    <>
      <Choice
        label="Kind"
        value={kind}
        onChange={(next) => setState({ kind: next, page: '1' })}
        options={kinds.map((k) => ({
          value: k,
          label: `${kindNames[k]}${data ? ` (${data.counts[k].toLocaleString('en-GB')})` : ''}`,
        }))}
      />
      <label htmlFor={searchId}> Find</label>{' '}
      <input
        id={searchId}
        type="search"
        value={state.q}
        placeholder="code, UID or name"
        onChange={(e) => setState({ q: e.target.value, page: '1' })}
      />
      <MappingForm kind={kind} />
      {error && <Problem error={error} />}
      {remove.error && <Problem error={remove.error} />}
      {data && data.mappings.length === 0 && (
        <p>
          {state.q
            ? `No ${kindNames[kind].toLowerCase()} mapped match “${state.q}”.`
            : `No ${kindNames[kind].toLowerCase()} are mapped yet.`}
        </p>
      )}
      {data && data.mappings.length > 0 && (
        <Scroll label={`${kindNames[kind]} mapped`}>
          <table className="grid" data-testid="mappings">
            <thead>
              <tr>
                <th scope="col">Headway code</th>
                <th scope="col">DHIS2 UID</th>
                <th scope="col">DHIS2 name</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.mappings.map((m) => (
                <tr key={m.id}>
                  <td>{m.code}</td>
                  <td>
                    <code>{m.uid}</code>
                  </td>
                  <td>{m.name ?? ''}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={`Remove the mapping of ${m.code}`}
                      onClick={() =>
                        void remove.run(() =>
                          send<Answer<typeof deleteMappingRoute>>('DELETE', `/api/v1/dhis2/mappings/${m.id}`),
                        )
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {data && data.total > data.page_size && (
        <Pager
          page={data.page}
          pageSize={data.page_size}
          total={data.total}
          noun={['mapping', 'mappings']}
          onPage={(next) => setState({ page: String(next) }, { push: true })}
        />
      )}
    </>
  );
}
