// Changing a recorded visit, online or not: the change is sent against the version it was opened at;
// with no connection it waits in the outbox, and if someone changed the visit meanwhile (409) both
// versions are shown side by side to resolve (web/src/offline/SyncItemPage.tsx).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { visitRoute } from '../../../src/visits/contract.ts';
import { ApiError, getJson, send } from '../api.ts';
import { drafts } from '../offline/device.ts';
import { draftOf, editBody, type VisitDraft } from '../offline/outbox.ts';
import { queue, syncNow, useOutbox } from '../offline/sync.ts';
import { Problem } from '../Problem.tsx';
import { useSession } from '../session.tsx';
import { Fields, unreachable, useDraftSaving, useFormData } from './VisitFormFields.tsx';

export function EditVisitForm() {
  const { id } = useParams();
  const visitId = Number(id);
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const data = useFormData();
  const { items } = useOutbox();
  const visit = useQuery({
    queryKey: ['visit', id],
    queryFn: () => getJson<Answer<typeof visitRoute>>(`/api/v1/visits/${visitId}`),
    retry: false,
  });
  const key = `edit-${visitId}`;
  const [draft, setDraft] = useState<VisitDraft | null>(null);
  const [version, setVersion] = useState(0);
  const [kept, setKept] = useState<boolean | null>(null);
  const [queued, setQueued] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    void drafts.get(key).then((d) => {
      if (d && d.user === session.user.email && d.version) {
        setDraft(d.draft);
        setVersion(d.version);
        setKept(true);
      } else setKept(false);
    });
  }, [key, session.user.email]);
  // With no draft kept, the form starts from the visit as the server has it now.
  useEffect(() => {
    if (kept === false && visit.data && !draft) {
      setDraft(draftOf(visit.data));
      setVersion(visit.data.version);
    }
  }, [kept, visit.data, draft]);
  useDraftSaving(key, session.user.email, draft, { version, visit_id: visitId });
  if (data.isError) return <Problem error={data.error} />;
  if (!draft && visit.isError)
    return (
      <>
        <Problem error={visit.error} />
        <p>
          A visit can be changed offline only once it has been opened for editing on this device while online.
        </p>
      </>
    );
  if (!data.data || !draft) return <p aria-busy="true">Loading the visit…</p>;
  const formData = data.data;
  const school = formData.schools.find((s) => s.code === draft.school)?.name ?? draft.school;
  const waiting = items.find((i) => i.visit_id === visitId);
  return (
    <form
      className="stack"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        const item = {
          key: `${key}-${Date.now()}`,
          kind: 'edit' as const,
          visit_id: visitId,
          version,
          label: `${school}, ${draft.visit_on}`,
          draft,
        };
        try {
          if (!navigator.onLine) throw new TypeError('offline');
          await send('PUT', `/api/v1/visits/${visitId}`, editBody(draft, version));
          await drafts.remove(key);
          await queryClient.invalidateQueries();
          navigate(`/visits/${visitId}`);
        } catch (err) {
          if (err instanceof ApiError && err.status === 409) {
            // Changed by someone else since it was opened: both versions go side by side.
            await queue(item);
            await drafts.remove(key);
            await syncNow(true);
            navigate(`/visits/sync/${encodeURIComponent(item.key)}`);
          } else if (!unreachable(err)) setError(err as Error);
          else {
            await queue(item);
            await drafts.remove(key);
            setQueued(true);
          }
        }
      }}
    >
      <p>
        <Link to={`/visits/${visitId}`}>Back to the visit</Link>
      </p>
      <h1>Change the visit to {school}</h1>
      <p>Version {version}. Agreed actions are changed in the actions list, not here.</p>
      {queued && (
        <p role="status" className="notice">
          No connection: your change is kept on this device and will be saved when the connection returns.{' '}
          <Link to="/visits/sync">See what is waiting to sync</Link>.
        </p>
      )}
      {waiting && !queued && (
        <p className="notice">
          A change to this visit is already waiting to sync:{' '}
          <Link to={`/visits/sync/${encodeURIComponent(waiting.key)}`}>open it</Link>.
        </p>
      )}
      <Fields draft={draft} setDraft={setDraft} data={formData} />
      <button type="submit">Save the change</button>
      {error && <Problem error={error} />}
    </form>
  );
}
