// The outbox: mail Headway would have sent (reminders of overdue work and of termly updates due) had
// SMTP been configured, newest first, a page at a time, each opened to read it as it would have gone.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../src/contract.ts';
import type { outboxRoute } from '../../../src/meetings/reminder-contract.ts';
import { getJson } from '../api.ts';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { useUrlState } from '../useUrlState.ts';

export function OutboxPage() {
  const [view, setView] = useUrlState({ page: '1' });
  const outbox = useQuery({
    queryKey: ['outbox', view.page],
    queryFn: () => getJson<Answer<typeof outboxRoute>>(`/api/v1/outbox?page=${view.page}`),
    placeholderData: (previous) => previous,
  });
  if (outbox.isError) return <Problem error={outbox.error} />;
  if (!outbox.data) return <p aria-busy="true">Loading the outbox…</p>;
  const { mail, total, page_size } = outbox.data;
  return (
    <section aria-labelledby="outbox">
      <h2 id="outbox">Outbox</h2>
      <p>
        Email is not configured (HEADWAY_SMTP_URL), so what Headway would have sent is kept here: {total}{' '}
        {total === 1 ? 'email' : 'emails'}.
      </p>
      <ul className="actions" data-testid="outbox">
        {mail.map((m) => (
          <li key={m.id}>
            <details>
              <summary>
                {m.written_on}: to {m.to} — {m.subject}
              </summary>
              <pre className="mail">{m.body}</pre>
            </details>
          </li>
        ))}
      </ul>
      <Pager
        page={Number(view.page)}
        pageSize={page_size}
        total={total}
        noun={['email', 'emails']}
        onPage={(page) => setView({ page: String(page) }, { push: true })}
      />
    </section>
  );
}
