// Recording a visit, and changing one already recorded. The form keeps a draft on the device as it is
// typed and works with no connection (the offline worker keeps the page and GET /visits/form): a
// visit recorded offline waits in the outbox and is sent when the connection returns. School, visitors
// and action owners are picked by name; each criterion shows its levels and evidence prompt.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { visitRoute } from '../../../src/visits/contract.ts';
import type { visitFormDataRoute } from '../../../src/visits/form-contract.ts';
import { ApiError, getJson, send, words } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { drafts } from '../offline/device.ts';
import { draftOf, editBody, recordBody, type VisitDraft } from '../offline/outbox.ts';
import { queue, syncNow, useOutbox } from '../offline/sync.ts';
import { Problem } from '../Problem.tsx';
import { useSession } from '../session.tsx';
import { NamePicker } from './NamePicker.tsx';
import { Actions, Scores, Visitors } from './VisitFormParts.tsx';

const types = ['supervision', 'coaching', 'monitoring', 'reform_fidelity'] as const;
type FormData = Answer<typeof visitFormDataRoute>;

const localToday = () =>
  new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

function useFormData() {
  return useQuery({
    queryKey: ['visit-form'],
    queryFn: () => getJson<FormData>('/api/v1/visits/form'),
  });
}

/** True for a failure of the connection (or the server), when the visit is kept to send later. */
const unreachable = (error: unknown) => !(error instanceof ApiError) || error.status >= 500;

/** Saves the draft on the device a moment after each change. */
function useDraftSaving(
  key: string,
  user: string,
  draft: VisitDraft | null,
  extra: { version?: number; visit_id?: number; client_id?: string },
) {
  const latest = useRef(extra);
  latest.current = extra;
  useEffect(() => {
    if (!draft) return;
    const timer = window.setTimeout(() => {
      void drafts.put({ key, user, draft, ...latest.current, saved_at: new Date().toISOString() });
    }, 300);
    return () => window.clearTimeout(timer);
  }, [key, user, draft]);
}

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
          }
        } finally {
          setBusy(false);
        }
      }}
    >
      <h1>Record a visit</h1>
      {queued && (
        <p role="status" className="notice">
          No connection: the visit to {queued} is kept on this device and will be recorded when the connection
          returns. <Link to="/visits/sync">See what is waiting to sync</Link>.
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

/** Day, type, visitors, rubric and its scores, strengths and development: the same on both forms. */
function Fields({
  draft,
  setDraft,
  data,
}: {
  draft: VisitDraft;
  setDraft: (d: VisitDraft) => void;
  data: FormData;
}) {
  const set = (change: Partial<VisitDraft>) => setDraft({ ...draft, ...change });
  const rubrics = data.rubrics.filter(
    (r) => r.visit_types.length === 0 || r.visit_types.includes(draft.visit_type),
  );
  return (
    <>
      <label>
        Date{' '}
        <input
          type="date"
          required
          value={draft.visit_on}
          max={localToday()}
          onChange={(e) => set({ visit_on: e.target.value })}
        />
      </label>
      <Choice
        label="Type"
        value={draft.visit_type}
        onChange={(visit_type) => set({ visit_type })}
        options={types.map((t) => ({ value: t, label: words(t) }))}
      />
      <Visitors draft={draft} set={set} data={data} />
      <label>
        Purpose <textarea rows={2} value={draft.purpose} onChange={(e) => set({ purpose: e.target.value })} />
      </label>
      <Choice
        label="Rubric"
        value={draft.rubric}
        onChange={(rubric) => set({ rubric, levels: {}, evidence: {} })}
        options={rubrics.map((r) => ({ value: r.code, label: r.name }))}
        empty="no scores"
      />
      <Scores draft={draft} set={set} data={data} />
      <label>
        Strengths <textarea value={draft.strengths} onChange={(e) => set({ strengths: e.target.value })} />
      </label>
      <label>
        Areas for development{' '}
        <textarea value={draft.development} onChange={(e) => set({ development: e.target.value })} />
      </label>
    </>
  );
}

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
