// The header's "Waiting to sync (n)": on every page, how many visits wait on this device to be sent,
// linking to the list; a conflict to resolve shows as well. Outcomes are announced as they happen.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { can, useSession } from '../session.tsx';
import { useOutbox, useOutboxSync } from './sync.ts';

export function SyncBadge() {
  const session = useSession();
  useOutboxSync(session.user.email, can(session, 'visits:write'));
  const { items, outcomes } = useOutbox();
  const conflicts = items.filter((i) => i.state !== 'waiting').length;
  const latest = outcomes[0];
  const queryClient = useQueryClient();
  // A visit just sent changes the lists and coverage the pages show.
  useEffect(() => {
    if (latest?.outcome === 'synced') void queryClient.invalidateQueries();
  }, [latest, queryClient]);
  return (
    <>
      {items.length > 0 && (
        <Link to="/visits/sync" className={conflicts ? 'band red' : 'band amber'} data-testid="sync-badge">
          Waiting to sync ({items.length}){conflicts ? `, ${conflicts} to resolve` : ''}
        </Link>
      )}
      <span role="status" className="sr-only" data-testid="sync-status">
        {latest ? `${latest.label}: ${latest.message}` : ''}
      </span>
    </>
  );
}
