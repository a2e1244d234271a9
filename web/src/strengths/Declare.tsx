// The form a head (their own school) or a trust's lead (one of its schools) declares a strength with:
// the practice area and what shows it; an area lead confirms it in the queue.
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type { declareRoute, practiceAreasRoute } from '../../../src/strengths/contract.ts';
import { send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';

type PracticeAreaList = Answer<typeof practiceAreasRoute>;

export function Declare({ schools, areas }: { schools: string[]; areas: PracticeAreaList }) {
  const { error, run } = useAction();
  const [school, setSchool] = useState(schools[0] ?? '');
  const [area, setArea] = useState('');
  const [evidence, setEvidence] = useState('');
  const [done, setDone] = useState<string | null>(null);
  return (
    <form
      className="card stack"
      aria-label="Declare a strength"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const body = { school, practice_area: area, evidence } as Body<typeof declareRoute>;
          const made = await send<Answer<typeof declareRoute>>('POST', '/api/v1/strengths/declared', body);
          setDone(`${made.practice_area_name} at ${made.school_name} is declared, awaiting confirmation.`);
          setEvidence('');
        });
      }}
    >
      <h2>Declare a strength</h2>
      {schools.length > 1 ? (
        <Choice
          label="School"
          value={school}
          onChange={setSchool}
          options={schools.map((s) => ({ value: s, label: s }))}
        />
      ) : schools.length === 1 ? (
        <p>School: {schools[0]}</p>
      ) : (
        <label>
          School code <input value={school} onChange={(e) => setSchool(e.target.value)} required />
        </label>
      )}
      <Choice
        label="Practice area"
        value={area}
        onChange={setArea}
        empty="Choose"
        options={areas.map((a) => ({ value: a.practice_area, label: a.name }))}
      />
      <label>
        What shows it (at least 20 characters)
        <textarea value={evidence} onChange={(e) => setEvidence(e.target.value)} rows={3} required />
      </label>
      <p>
        <button type="submit" disabled={!area || !school}>
          Declare
        </button>
      </p>
      {error && <Problem error={error} />}
      {done && (
        <p role="status" data-testid="declared">
          {done}
        </p>
      )}
    </form>
  );
}
