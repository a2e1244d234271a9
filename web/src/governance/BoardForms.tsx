// The forms on a board's page: add a member, record a course, rate a skill (those who record for the
// board: the director, the area lead, the school's head), record the succession plan (the director and
// area lead), and name the governors on a headteacher recruitment panel.
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  addMemberRoute,
  addTrainingRoute,
  boardRoute,
  editMemberRoute,
  setPanelRoute,
  setSuccessionRoute,
} from '../../../src/governance/contract.ts';
import { path, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { categoryNames, options, ratingNames, roleNames } from './labels.ts';

type Board = Answer<typeof boardRoute>;
const serving = (board: Board) => board.members.filter((m) => m.status === 'serving');
const memberOptions = (board: Board) => serving(board).map((m) => ({ value: String(m.id), label: m.name }));

export function AddMember({ board }: { board: Board }) {
  const { error, run } = useAction();
  const blank = {
    name: '',
    email: '',
    phone: '',
    category: 'parent',
    role: '',
    appointed_on: '',
    term_ends_on: '',
  };
  const [form, setForm] = useState(blank);
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  return (
    <details>
      <summary>Add a member</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const body = {
              name: form.name,
              category: form.category,
              roles: form.role ? [form.role] : [],
              appointed_on: form.appointed_on,
              term_ends_on: form.term_ends_on,
              ...(form.email ? { email: form.email } : {}),
              ...(form.phone ? { phone: form.phone } : {}),
            } as Body<typeof addMemberRoute>;
            await send('POST', `/api/v1/governance/boards/${path(board.code)}/members`, body);
            setForm(blank);
          });
        }}
      >
        <label>
          Name <input required value={form.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <Choice
          label="Category"
          value={form.category}
          onChange={(category) => set({ category })}
          options={options(categoryNames)}
        />
        <Choice
          label="Role"
          value={form.role}
          onChange={(role) => set({ role })}
          options={options(roleNames)}
          empty="none"
        />
        <label>
          Appointed on{' '}
          <input
            type="date"
            required
            value={form.appointed_on}
            onChange={(e) => set({ appointed_on: e.target.value })}
          />
        </label>
        <label>
          Term ends on{' '}
          <input
            type="date"
            required
            value={form.term_ends_on}
            onChange={(e) => set({ term_ends_on: e.target.value })}
          />
        </label>
        <label>
          Email <input type="email" value={form.email} onChange={(e) => set({ email: e.target.value })} />
        </label>
        <label>
          Phone <input type="tel" value={form.phone} onChange={(e) => set({ phone: e.target.value })} />
        </label>
        {error && <Problem error={error} />}
        <button type="submit">Add the member</button>
      </form>
    </details>
  );
}

export function RecordTraining({ board }: { board: Board }) {
  const { error, run } = useAction();
  const [form, setForm] = useState({ member: '', course: '', attended_on: '' });
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  return (
    <details>
      <summary>Record training</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const body = { course: form.course, attended_on: form.attended_on } satisfies Body<
              typeof addTrainingRoute
            >;
            await send('POST', `/api/v1/governance/members/${form.member}/training`, body);
            setForm({ member: '', course: '', attended_on: '' });
          });
        }}
      >
        <Choice
          label="Governor"
          required
          value={form.member}
          onChange={(member) => set({ member })}
          options={memberOptions(board)}
          empty="choose"
        />
        <Choice
          label="Course"
          required
          value={form.course}
          onChange={(course) => set({ course })}
          options={board.courses.map((c) => ({ value: c.code, label: c.name }))}
          empty="choose"
        />
        <label>
          Attended on{' '}
          <input
            type="date"
            required
            value={form.attended_on}
            onChange={(e) => set({ attended_on: e.target.value })}
          />
        </label>
        {error && <Problem error={error} />}
        <button type="submit">Record the course</button>
      </form>
    </details>
  );
}

export function RateSkill({ board }: { board: Board }) {
  const { error, run } = useAction();
  const [form, setForm] = useState({ member: '', skill: '', rating: '2' });
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  return (
    <details>
      <summary>Rate a skill</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const body = { skills: { [form.skill]: Number(form.rating) } } satisfies Body<
              typeof editMemberRoute
            >;
            await send('PATCH', `/api/v1/governance/members/${form.member}`, body);
          });
        }}
      >
        <Choice
          label="Governor"
          required
          value={form.member}
          onChange={(member) => set({ member })}
          options={memberOptions(board)}
          empty="choose"
        />
        <Choice
          label="Skill"
          required
          value={form.skill}
          onChange={(skill) => set({ skill })}
          options={board.skills.map((s) => ({ value: s.code, label: s.name }))}
          empty="choose"
        />
        <Choice
          label="Rating"
          value={form.rating}
          onChange={(rating) => set({ rating })}
          options={[
            ...Object.entries(ratingNames).map(([value, label]) => ({ value, label })),
            { value: '0', label: 'None (remove)' },
          ]}
        />
        {error && <Problem error={error} />}
        <button type="submit">Save the rating</button>
      </form>
    </details>
  );
}

export function SuccessionForm({ board }: { board: Board }) {
  const { error, run } = useAction();
  const s = board.succession;
  const [form, setForm] = useState({
    has_plan: s?.has_plan ? 'true' : 'false',
    reviewed_on: s?.reviewed_on ?? '',
    chair_successor: s?.chair_successor ? String(s.chair_successor.id) : '',
    headship_successor: s?.headship_successor?.code ?? '',
    headship_successor_note: s?.headship_successor_note ?? '',
    notes: s?.notes ?? '',
  });
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  return (
    <details>
      <summary>Record the succession plan</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const body = {
              has_plan: form.has_plan === 'true',
              reviewed_on: form.reviewed_on || null,
              chair_successor: form.chair_successor ? Number(form.chair_successor) : null,
              headship_successor: form.headship_successor || null,
              headship_successor_note: form.headship_successor_note,
              notes: form.notes,
            } satisfies Body<typeof setSuccessionRoute>;
            await send('PUT', `/api/v1/governance/boards/${path(board.code)}/succession`, body);
          });
        }}
      >
        <Choice
          label="A plan exists"
          value={form.has_plan}
          onChange={(has_plan) => set({ has_plan })}
          options={[
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]}
        />
        <label>
          Agreed or last reviewed on{' '}
          <input
            type="date"
            value={form.reviewed_on}
            onChange={(e) => set({ reviewed_on: e.target.value })}
          />
        </label>
        <Choice
          label="Chair's successor"
          value={form.chair_successor}
          onChange={(chair_successor) => set({ chair_successor })}
          options={memberOptions(board)}
          empty="none named"
        />
        <label>
          Headship successor (person code){' '}
          <input
            value={form.headship_successor}
            onChange={(e) => set({ headship_successor: e.target.value.trim() })}
          />
        </label>
        <label>
          Headship successor, in words{' '}
          <input
            value={form.headship_successor_note}
            onChange={(e) => set({ headship_successor_note: e.target.value })}
          />
        </label>
        <label>
          Notes <textarea value={form.notes} onChange={(e) => set({ notes: e.target.value })} />
        </label>
        {error && <Problem error={error} />}
        <button type="submit">Save the plan</button>
      </form>
    </details>
  );
}

export function PanelForm({
  board,
  round,
}: {
  board: Board;
  round: Board['headship_vacancies'][number]['rounds'][number];
}) {
  const { error, run } = useAction();
  const [chosen, setChosen] = useState(new Set(round.governors.map((g) => g.id)));
  const toggle = (id: number) =>
    setChosen((now) => {
      const next = new Set(now);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <details>
      <summary>Name the governors on round {round.number}'s panel</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const body = { governors: [...chosen] } satisfies Body<typeof setPanelRoute>;
            await send('PUT', `/api/v1/governance/boards/${path(board.code)}/panels/${round.id}`, body);
          });
        }}
      >
        <fieldset>
          <legend>Governors on the panel</legend>
          {serving(board).map((m) => (
            <label key={m.id}>
              <input type="checkbox" checked={chosen.has(m.id)} onChange={() => toggle(m.id)} /> {m.name}
            </label>
          ))}
        </fieldset>
        {error && <Problem error={error} />}
        <button type="submit">Save the panel</button>
      </form>
    </details>
  );
}
