// Withdrawing a vacancy: the post is not to be filled after all (a federation, an amalgamation, the
// leader stayed). The reason and the day are kept and audited; the vacancy leaves the open count.
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type { vacancyRoute, withdrawVacancyRoute } from '../../../src/vacancies/contract.ts';
import { send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';

type Vacancy = Answer<typeof vacancyRoute>;

export function WithdrawForm({ vacancy }: { vacancy: Vacancy }) {
  const { error, run } = useAction();
  const [form, setForm] = useState({ reason: '', withdrawn_on: '' });
  return (
    <details>
      <summary>Withdraw this vacancy</summary>
      <form
        className="stack"
        aria-label="Withdraw this vacancy"
        onSubmit={(e) => {
          e.preventDefault();
          run(() =>
            send('POST', `/api/v1/vacancies/${vacancy.id}/withdraw`, {
              reason: form.reason,
              ...(form.withdrawn_on ? { withdrawn_on: form.withdrawn_on } : {}),
            } satisfies Body<typeof withdrawVacancyRoute>),
          );
        }}
      >
        <p>
          The post will not be filled: it leaves the open vacancies and time to fill; its adverts still count
          in applications per headship. A round still open closes not appointed.
        </p>
        <label>
          Why it is withdrawn{' '}
          <textarea
            required
            value={form.reason}
            onChange={(e) => setForm((f) => ({ ...f, reason: e.target.value }))}
          />
        </label>
        <label>
          Withdrawn on (today if left empty){' '}
          <input
            type="date"
            value={form.withdrawn_on}
            onChange={(e) => setForm((f) => ({ ...f, withdrawn_on: e.target.value }))}
          />
        </label>
        {error && <Problem error={error} />}
        <button type="submit">Withdraw the vacancy</button>
      </form>
    </details>
  );
}
