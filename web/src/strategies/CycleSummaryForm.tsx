// A strand summary (the strand's lead) or the overall summary (the overarching lead) for a termly cycle:
// a RAG judgement and commentary, both required.
import { useState } from 'react';
import type { Body } from '../../../src/contract.ts';
import type { addSummaryRoute, Rag } from '../../../src/strategies/cycle-contract.ts';
import { send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { ragNames } from './CycleLabels.tsx';

export function CycleSummaryForm({
  code,
  term,
  strandId,
  what,
}: {
  code: string;
  term: string;
  strandId: number | null;
  what: string;
}) {
  const { error, run } = useAction();
  const [form, setForm] = useState<{ rag: Rag; commentary: string }>({ rag: 'green', commentary: '' });
  return (
    <form
      className="stack"
      aria-label={`Summary of ${what}`}
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await send('POST', `/api/v1/strategies/${encodeURIComponent(code)}/cycles/${term}/summaries`, {
            strand_id: strandId,
            ...form,
          } satisfies Body<typeof addSummaryRoute>);
          setForm({ ...form, commentary: '' });
        });
      }}
    >
      <Choice
        label="Judgement"
        value={form.rag}
        onChange={(rag) => setForm({ ...form, rag })}
        options={(Object.keys(ragNames) as Rag[]).map((value) => ({ value, label: ragNames[value] }))}
      />
      <label>
        How is it going? (required){' '}
        <textarea
          required
          value={form.commentary}
          onChange={(e) => setForm({ ...form, commentary: e.target.value })}
        />
      </label>
      <button type="submit">Record the summary</button>
      {error && <Problem error={error} />}
    </form>
  );
}
