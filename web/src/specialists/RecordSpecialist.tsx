// Recording a specialist: a person already in Headway (found by name) or someone new, their kind, their
// specialisms (of the kind's family), the school they work at, their days a year and accreditation.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type { findSchoolsRoute } from '../../../src/registry/contract.ts';
import type {
  recordSpecialistRoute,
  SpecialistKind,
  specialistPeopleRoute,
} from '../../../src/specialists/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { NamePicker } from '../NamePicker.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { specialistKindNames } from './labels.ts';
import { useSpecialisms } from './useSpecialisms.ts';

const familyOf: Record<SpecialistKind, 'teaching' | 'support'> = {
  sle: 'teaching',
  outstanding_teacher: 'teaching',
  support_staff_leader: 'support',
};

export function RecordSpecialist({ onDone }: { onDone: (name: string) => void }) {
  const { error, run } = useAction();
  const specialisms = useSpecialisms().data?.specialisms ?? [];
  const [who, setWho] = useState<'existing' | 'new'>('existing');
  const [person, setPerson] = useState('');
  const [typed, setTyped] = useState('');
  const [given, setGiven] = useState('');
  const [family, setFamily] = useState('');
  const [kind, setKind] = useState<SpecialistKind>('sle');
  const [chosen, setChosen] = useState<string[]>([]);
  const [school, setSchool] = useState('');
  const [schoolText, setSchoolText] = useState('');
  const [days, setDays] = useState('');
  const [accredited, setAccredited] = useState('');
  const people = useQuery({
    queryKey: ['specialist-people', typed],
    enabled: typed.trim().length >= 2,
    queryFn: () =>
      getJson<Answer<typeof specialistPeopleRoute>>(
        `/api/v1/specialists/people?q=${encodeURIComponent(typed.replace(/\s*\([^()]*\)$/, ''))}`,
      ),
  });
  const schools = useQuery({
    queryKey: ['specialist-schools', schoolText],
    enabled: schoolText.trim().length >= 2,
    queryFn: () =>
      getJson<Answer<typeof findSchoolsRoute>>(
        `/api/v1/schools?q=${encodeURIComponent(schoolText.replace(/\s*\([^()]*\)$/, ''))}&page_size=20`,
      ),
  });
  const offered = specialisms.filter((s) => !s.retired && s.family === familyOf[kind]);
  const submit = () =>
    run(async () => {
      const body: Body<typeof recordSpecialistRoute> = {
        ...(who === 'existing'
          ? { person }
          : { new_person: { given_name: given.trim(), family_name: family.trim() } }),
        kind,
        specialisms: chosen.filter((c) => offered.some((s) => s.code === c)),
        school,
        days_per_year: days === '' ? null : Number(days),
        accredited_on: accredited || null,
      };
      const made = await send<Answer<typeof recordSpecialistRoute>>('POST', '/api/v1/specialists', body);
      onDone(made.person_name);
    });
  return (
    <form
      className="card"
      aria-label="Record a specialist"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Record a specialist</h2>
      <fieldset>
        <legend>Who</legend>
        <label>
          <input type="radio" name="who" checked={who === 'existing'} onChange={() => setWho('existing')} />{' '}
          In Headway already
        </label>{' '}
        <label>
          <input type="radio" name="who" checked={who === 'new'} onChange={() => setWho('new')} /> Someone new
        </label>
      </fieldset>
      {who === 'existing' ? (
        <NamePicker
          label="Person"
          rows={(people.data?.people ?? []).map((p) => ({ code: p.code, name: p.name }))}
          value={person}
          onPick={setPerson}
          onType={setTyped}
          required
          hint="Type two letters of their name; people with a post at your schools are listed"
        />
      ) : (
        <p>
          <label>
            Given name <input value={given} required onChange={(e) => setGiven(e.target.value)} />
          </label>{' '}
          <label>
            Family name <input value={family} required onChange={(e) => setFamily(e.target.value)} />
          </label>
        </p>
      )}
      <Choice
        label="Kind"
        value={kind}
        onChange={(k) => setKind(k)}
        options={Object.entries(specialistKindNames).map(([value, label]) => ({
          value: value as SpecialistKind,
          label,
        }))}
      />
      <fieldset className="checks">
        <legend>
          Specialisms ({familyOf[kind] === 'support' ? "support staff's expertise" : 'teaching'})
        </legend>
        {offered.map((s) => (
          <label key={s.code}>
            <input
              type="checkbox"
              checked={chosen.includes(s.code)}
              onChange={(e) =>
                setChosen(e.target.checked ? [...chosen, s.code] : chosen.filter((c) => c !== s.code))
              }
            />{' '}
            {s.name}
          </label>
        ))}
      </fieldset>
      <NamePicker
        label="School they work at"
        rows={(schools.data?.schools ?? []).map((s) => ({ code: s.code, name: s.name }))}
        value={school}
        onPick={setSchool}
        onType={setSchoolText}
        required
        hint="Type two letters of the school's name or code"
      />
      <p>
        <label>
          Days a year{' '}
          <input
            type="number"
            min={0}
            max={366}
            step={0.5}
            value={days}
            placeholder="the role's"
            onChange={(e) => setDays(e.target.value)}
          />
        </label>{' '}
        <label>
          Accredited on{' '}
          <input type="date" value={accredited} onChange={(e) => setAccredited(e.target.value)} />
        </label>
      </p>
      <button type="submit" disabled={chosen.length === 0 || !school || (who === 'existing' && !person)}>
        Record
      </button>
      {error && <Problem error={error} />}
    </form>
  );
}
