// Opening an audit round (a whole-authority director): its dates, and whose leadership it covers: the
// holders of some posts at a school on the opening day, a programme cohort's participants, or both.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type { listCohortsRoute } from '../../../src/programmes/contract.ts';
import type { addAuditRoute } from '../../../src/skills/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { roleName } from '../programmes/labels.tsx';
import { useAction } from '../useAction.ts';

const posts = ['headteacher', 'deputy_headteacher', 'assistant_headteacher'] as const;

export function OpenAudit({ onOpened }: { onOpened: (code: string) => void }) {
  const blank = { code: '', name: '', opens_on: '', closes_on: '', cohort: '' };
  const [form, setForm] = useState(blank);
  const [roles, setRoles] = useState<(typeof posts)[number][]>(['headteacher', 'deputy_headteacher']);
  const { error, run } = useAction();
  const cohorts = useQuery({
    queryKey: ['programme-cohorts', ''],
    queryFn: () => getJson<Answer<typeof listCohortsRoute>>('/api/v1/programmes/cohorts'),
  });
  const field = (name: 'code' | 'name' | 'opens_on' | 'closes_on', label: string, type = 'text') => (
    <label>
      {label}{' '}
      <input
        type={type}
        required
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </label>
  );
  return (
    <details className="panel">
      <summary>Open an audit round</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const { cohort, ...rest } = form;
            const body = { ...rest, roles, ...(cohort ? { cohort } : {}) } satisfies Body<
              typeof addAuditRoute
            >;
            await send('POST', '/api/v1/skills/audits', body);
            setForm(blank);
            onOpened(rest.code);
          });
        }}
      >
        {field('code', 'Code')}
        {field('name', 'Name')}
        {field('opens_on', 'Opens', 'date')}
        {field('closes_on', 'Closes', 'date')}
        <fieldset>
          <legend>Leaders in these posts on the opening day</legend>
          {posts.map((post) => (
            <label key={post}>
              <input
                type="checkbox"
                checked={roles.includes(post)}
                onChange={(e) =>
                  setRoles(e.target.checked ? [...roles, post] : roles.filter((r) => r !== post))
                }
              />{' '}
              {roleName(post)}s
            </label>
          ))}
        </fieldset>
        <Choice
          label="And a cohort’s participants"
          value={form.cohort}
          onChange={(cohort) => setForm({ ...form, cohort })}
          options={(cohorts.data?.cohorts ?? []).map((c) => ({ value: c.code, label: c.name }))}
          empty="none"
        />
        <button type="submit">Open the round</button>
        {error && <Problem error={error} />}
      </form>
    </details>
  );
}
