// Raising a need by hand from the needs board: the school, the kind of support, the evidence, and the
// specialism it asks for (only holders of that specialism are then offered), or the indicator to improve.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { NeedKind } from '../../../src/brokering/contract.ts';
import type { raiseNeedRoute } from '../../../src/brokering/need-contract.ts';
import type { Answer, Body } from '../../../src/contract.ts';
import type { findSchoolsRoute } from '../../../src/registry/contract.ts';
import { getJson, send } from '../api.ts';
import { kindNames } from '../brokering/labels.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { NamePicker } from '../NamePicker.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { useSpecialisms } from './useSpecialisms.ts';

/** The kinds a broker raises by hand (the placements are raised by the rules for a named deputy). */
const byHand: NeedKind[] = ['practice', 'professional_partner', 'mentor', 'lle', 'nle', 'headship_cover'];

export function RaiseNeed() {
  const { error, run } = useAction();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [school, setSchool] = useState('');
  const [schoolText, setSchoolText] = useState('');
  const [kind, setKind] = useState<NeedKind>('practice');
  const [specialism, setSpecialism] = useState('');
  const [evidence, setEvidence] = useState('');
  const specialisms = (useSpecialisms().data?.specialisms ?? []).filter((s) => !s.retired);
  const schools = useQuery({
    queryKey: ['need-schools', schoolText],
    enabled: schoolText.trim().length >= 2,
    queryFn: () =>
      getJson<Answer<typeof findSchoolsRoute>>(
        `/api/v1/schools?q=${encodeURIComponent(schoolText.replace(/\s*\([^()]*\)$/, ''))}&page_size=20`,
      ),
  });
  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          Raise a need
        </button>
        {done && (
          <span role="status" data-testid="need-raised">
            {' '}
            {done}
          </span>
        )}
      </p>
    );
  return (
    <form
      className="card"
      aria-label="Raise a need"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const body: Body<typeof raiseNeedRoute> = {
            school,
            kind,
            evidence: evidence.trim(),
            specialism: specialism || null,
          };
          const need = await send<Answer<typeof raiseNeedRoute>>('POST', '/api/v1/brokering/needs', body);
          setDone(
            `Need ${need.id} raised for ${need.school_name}${need.specialism_name ? `, asking for ${need.specialism_name}` : ''}.`,
          );
          setOpen(false);
        });
      }}
    >
      <h2>Raise a need</h2>
      <NamePicker
        label="School"
        rows={(schools.data?.schools ?? []).map((s) => ({ code: s.code, name: s.name }))}
        value={school}
        onPick={setSchool}
        onType={setSchoolText}
        required
        hint="Type two letters of the school's name or code"
      />
      <Choice
        label="Kind of support"
        value={kind}
        onChange={setKind}
        options={byHand.map((k) => ({ value: k, label: kindNames[k] }))}
      />
      <Choice
        label="Specialism asked for"
        value={specialism}
        onChange={setSpecialism}
        empty="None"
        options={codeOptions(specialisms)}
      />
      <p>
        <label>
          Evidence{' '}
          <textarea value={evidence} required rows={2} onChange={(e) => setEvidence(e.target.value)} />
        </label>
      </p>
      <button type="submit" disabled={!school || !evidence.trim() || (kind === 'practice' && !specialism)}>
        Raise
      </button>{' '}
      <button type="button" className="link" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {kind === 'practice' && !specialism && (
        <p className="muted">A practice need raised here names the specialism it asks for.</p>
      )}
      {error && <Problem error={error} />}
    </form>
  );
}
