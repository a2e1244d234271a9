// What both visit forms (recording one, changing one) share: the form's data (kept by the offline
// worker), the draft saved on the device as it is typed, and the fields from the day to development.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type { visitFormDataRoute } from '../../../src/visits/form-contract.ts';
import { ApiError, getJson, words } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { drafts } from '../offline/device.ts';
import type { VisitDraft } from '../offline/outbox.ts';
import { Scores, Visitors } from './VisitFormParts.tsx';

const types = ['supervision', 'coaching', 'monitoring', 'reform_fidelity'] as const;
type FormData = Answer<typeof visitFormDataRoute>;

export const localToday = () =>
  new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

export function useFormData() {
  return useQuery({
    queryKey: ['visit-form'],
    queryFn: () => getJson<FormData>('/api/v1/visits/form'),
  });
}

/** True for a failure of the connection (or the server), when the visit is kept to send later. */
export const unreachable = (error: unknown) => !(error instanceof ApiError) || error.status >= 500;

/** Saves the draft on the device a moment after each change. */
export function useDraftSaving(
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

/** Day, type, visitors, rubric and its scores, strengths and development: the same on both forms. */
export function Fields({
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
