// The header's reminder: how many of the signed-in person's actions and challenges are past due, and
// the termly updates asked of them, linking to "My actions", which lists them first. Nothing shows when
// nothing is overdue or due.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { remindersRoute } from '../../../src/meetings/reminder-contract.ts';
import { getJson } from '../api.ts';
import { useSession } from '../session.tsx';

export function useReminders(enabled = true) {
  return useQuery({
    queryKey: ['reminders'],
    enabled,
    queryFn: () => getJson<Answer<typeof remindersRoute>>('/api/v1/reminders'),
    // Someone who leaves Headway open all day sees the count change as due dates pass.
    refetchInterval: 15 * 60_000,
  });
}

export function RemindersBadge() {
  const session = useSession();
  const reminders = useReminders(session.person !== null);
  const count = reminders.data?.overdue.length ?? 0;
  if (count === 0) return null;
  const { actions = 0, challenges = 0, updates = 0 } = reminders.data ?? {};
  const overdue = reminders.data?.overdue.filter((r) => r.days_overdue > 0).length ?? 0;
  const parts = [
    actions && `${actions} action${actions === 1 ? '' : 's'}`,
    challenges && `${challenges} challenge${challenges === 1 ? '' : 's'}`,
    updates && `${updates} termly update${updates === 1 ? '' : 's'}`,
  ].filter(Boolean);
  // "overdue" only when all are; termly updates not yet due make it "due".
  const word = overdue === count ? 'overdue' : 'due';
  return (
    <Link
      to="/my-actions#overdue"
      className={word === 'overdue' ? 'band red' : 'band amber'}
      data-testid="reminders"
      title={`${word === 'overdue' ? 'Overdue' : 'Due'}: ${parts.join(' and ')}`}
    >
      {count} {word}
      <span className="sr-only">
        : {parts.join(' and ')} {word === 'overdue' ? 'past their due date' : `due, ${overdue} overdue`}
      </span>
    </Link>
  );
}
