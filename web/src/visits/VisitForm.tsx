// Recording a visit. The form keeps a draft on the device as it is typed and works with no connection
// (the offline worker keeps the page and GET /visits/form): a visit recorded offline waits in the
// outbox and is sent when the connection returns. School, visitors and action owners are picked by
// name; each criterion shows its levels and evidence prompt.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { send } from '../api.ts';
import { NamePicker } from '../NamePicker.tsx';
import { drafts } from '../offline/device.ts';
import { recordBody, type VisitDraft } from '../offline/outbox.ts';
import { queue } from '../offline/sync.ts';
import { Problem } from '../Problem.tsx';
import { useSession } from '../session.tsx';
import { Fields, localToday, unreachable, useDraftSaving, useFormData } from './VisitFormFields.tsx';
import { Actions } from './VisitFormParts.tsx';

export function VisitForm() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const data = useFormData();
  const fresh = (): VisitDraft => ({
    school: '',
    visit_on: localToday(),
    visit_type: 'supervision',
    visitors: session.person ? [session.person.code] : [],
    rubric: 'LEADERSHIP',
    purpose: '',
    strengths: '',
    development: '',
    levels: {},
    evidence: {},
    actions: [],
  });
  const [draft, setDraft] = useState<VisitDraft | null>(null);
  const [clientId, setClientId] = useState('');
  const [restored, setRestored] = useState('');
  const [queued, setQueued] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the kept draft is read once, on opening
  useEffect(() => {
    void drafts.get('new').then((kept) => {
      if (kept && kept.user === session.user.email && kept.client_id) {
        setDraft(kept.draft);
        setClientId(kept.client_id);
        setRestored(kept.saved_at);
      } else {
        setDraft(fresh());
        setClientId(crypto.randomUUID());
      }
    });
  }, []);
  useDraftSaving('new', session.user.email, draft, { client_id: clientId });
  if (data.isError) return <Problem error={data.error} />;
  if (!data.data || !draft) return <p aria-busy="true">Loading the form…</p>;
  const formData = data.data;
  const startAgain = () => {
    setDraft(fresh());
    setClientId(crypto.randomUUID());
    setRestored('');
    void drafts.remove('new');
  };
  return (
    <form
      className="stack"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setQueued('');
        setBusy(true);
        const label = `${formData.schools.find((s) => s.code === draft.school)?.name ?? draft.school}, ${draft.visit_on}`;
        try {
          if (!navigator.onLine) throw new TypeError('offline');
          const { id } = await send<{ id: number }>('POST', '/api/v1/visits', recordBody(draft, clientId));
          await drafts.remove('new');
          await queryClient.invalidateQueries();
          navigate(`/visits/${id}`);
        } catch (err) {
          if (!unreachable(err)) setError(err as Error);
          else {
            // Kept under its client_id: however often it is sent, it is recorded once.
            await queue({ key: clientId, kind: 'record', label, draft });
            startAgain();
            setQueued(label);
            // The notice is at the top of the form, and the button that was pressed at its foot.
            window.scrollTo({ top: 0 });
          }
        } finally {
          setBusy(false);
        }
      }}
    >
      <h1>Record a visit</h1>
      {queued && (
        <p role="status" className="notice">
          No connection when you recorded it: the visit to {queued} is kept on this device and is sent when
          the connection returns (the header's “Waiting to sync” counts what still waits).{' '}
          <Link to="/visits/sync">See what is waiting to sync</Link>.
        </p>
      )}
      {restored && (
        <p className="notice">
          Your draft from {new Date(restored).toLocaleString()} was kept on this device.{' '}
          <button type="button" className="link" onClick={startAgain}>
            Start again
          </button>
        </p>
      )}
      <NamePicker
        label="School"
        rows={formData.schools}
        value={draft.school}
        required
        onPick={(school) => setDraft({ ...draft, school })}
        hint="Type part of the school’s name or its code"
      />
      <Fields draft={draft} setDraft={setDraft} data={formData} />
      <Actions draft={draft} set={(c) => setDraft({ ...draft, ...c })} data={formData} />
      <button type="submit" disabled={busy || !draft.school || draft.visitors.length === 0}>
        Record the visit
      </button>
      {error && <Problem error={error} />}
    </form>
  );
}
