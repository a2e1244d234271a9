// The header's reminder: how many of the signed-in person's actions and challenges are past due,
// linking to "My actions", which lists them first. Nothing shows when nothing is overdue.
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
  const { actions = 0, challenges = 0 } = reminders.data ?? {};
  const parts = [
    actions && `${actions} action${actions === 1 ? '' : 's'}`,
    challenges && `${challenges} challenge${challenges === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return (
    <Link
      to="/my-actions#overdue"
      className="band red"
      data-testid="reminders"
      title={`Overdue: ${parts.join(' and ')}`}
    >
      {count} overdue<span className="sr-only">: {parts.join(' and ')} past their due date</span>
    </Link>
  );
}
