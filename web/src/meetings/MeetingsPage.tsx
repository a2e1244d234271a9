// Meetings: the list (newest first) with a form to hold one, and a meeting's page: its packs,
// attendees, the agenda with what Headway drafted, minutes, decisions and actions per item, and the
// challenges raised at it (with the form to raise one there).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  AgendaItem,
  createMeetingRoute,
  listMeetingsRoute,
  MeetingKind,
  meetingRoute,
} from '../../../src/meetings/meeting-contract.ts';
import { getJson, send } from '../api.ts';
import { Choice, type ChoiceOption, codeOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession, useTerm } from '../session.tsx';
import { useAreas } from '../useAreas.ts';
import { schoolsNamed } from './affects.ts';
import { AddAgendaItem, ItemMinutes, MeetingDecision } from './MeetingForms.tsx';
import { RaiseChallenge } from './RaiseChallenge.tsx';
import { statusLabel } from './status-labels.ts';

const meetingKinds: ChoiceOption<MeetingKind>[] = [
  { value: 'area_leads', label: 'Monthly area-lead meeting (agenda drafted from the data)' },
  { value: 'retreat', label: 'Norming / strategy retreat' },
  { value: 'area_headteachers', label: 'Area meeting with headteachers' },
  { value: 'trust_board', label: 'Trust board' },
];

/**
 * The director holds meetings for the authority or any area; an area lead holds their own area's
 * monthly meeting (and runs it: minutes, decisions, challenges raised there).
 */
function HoldMeeting({ units }: { units: ChoiceOption[] }) {
  const navigate = useNavigate();
  const session = useSession();
  const [form, setForm] = useState<Body<typeof createMeetingRoute>>({
    kind: session.whole_authority ? 'area_leads' : 'area_headteachers',
    held_on: '',
    ...(!session.whole_authority && units[0] && { org_unit: units[0].value }),
  });
  const [error, setError] = useState<Error | null>(null);
  return (
    <form
      aria-label="Hold a meeting"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          const meeting = await send<Answer<typeof createMeetingRoute>>('POST', '/api/v1/meetings', form);
          navigate(`/meetings/${meeting.id}`);
        } catch (err) {
          setError(err as Error);
        }
      }}
    >
      <h2>Hold a meeting</h2>
      <Choice
        label="Kind"
        value={form.kind}
        onChange={(kind) => setForm({ ...form, kind })}
        options={meetingKinds}
      />{' '}
      <Choice
        label="For"
        value={form.org_unit ?? ''}
        onChange={(org_unit) => setForm({ ...form, org_unit: org_unit || undefined })}
        {...(session.whole_authority && { empty: 'The whole authority' })}
        options={units}
      />{' '}
      <label>
        On{' '}
        <input
          type="date"
          required
          value={form.held_on}
          onChange={(e) => setForm({ ...form, held_on: e.target.value })}
        />
      </label>{' '}
      <button type="submit">Create</button>
      {error && <Problem error={error} />}
    </form>
  );
}

export function MeetingsPage() {
  const session = useSession();
  const areas = useAreas();
  const led = new Set(session.roles.filter((r) => r.role === 'area_lead' && !r.group).map((r) => r.org_unit));
  const holdFor = codeOptions(
    areas.data?.org_units.filter((a) => session.whole_authority || led.has(a.code)),
  );
  const meetings = useQuery({
    queryKey: ['meetings'],
    queryFn: () => getJson<Answer<typeof listMeetingsRoute>>('/api/v1/meetings'),
  });
  return (
    <>
      <h1>Meetings</h1>
      <p>
        <Link to="/challenges">Challenges</Link> · <Link to="/my-actions">My actions</Link>
      </p>
      {can(session, 'meetings:write') && holdFor.length + (session.whole_authority ? 1 : 0) > 0 && (
        <HoldMeeting units={holdFor} />
      )}
      {meetings.isError && <Problem error={meetings.error} />}
      {meetings.isPending && <p aria-busy="true">Loading meetings…</p>}
      {meetings.data && meetings.data.meetings.length === 0 && (
        <p data-testid="no-meetings">
          No meetings to show. You see the meetings you chair or attend, and those held for a unit you lead.
        </p>
      )}
      {meetings.data && meetings.data.meetings.length > 0 && (
        <Scroll label="Meetings">
          <table className="grid" data-testid="meetings">
            <thead>
              <tr>
                <th scope="col">Meeting</th>
                <th scope="col">Chair</th>
                <th scope="col" className="number">
                  Present
                </th>
                <th scope="col" className="number">
                  Challenges raised
                </th>
                <th scope="col" className="number">
                  Open actions
                </th>
              </tr>
            </thead>
            <tbody>
              {meetings.data.meetings.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/meetings/${m.id}`}>{m.title}</Link> <span className="muted">{m.held_on}</span>
                  </th>
                  <td>{m.chair?.name ?? '–'}</td>
                  <td className="number">
                    {m.present} of {m.attendees}
                  </td>
                  <td className="number">{m.challenges_raised}</td>
                  <td className="number">{m.actions_open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </>
  );
}

/** What a drafted item points at, one line each, linking to the challenge where there is one. */
function Refs({ item }: { item: AgendaItem }) {
  // The API leaves refs open (each kind of item points at different things): read them as records.
  const refs = Array.isArray(item.refs) ? (item.refs as Record<string, unknown>[]) : [];
  if (refs.length === 0) return null;
  const line = (r: Record<string, unknown>) => {
    switch (item.kind) {
      case 'kpi_summary':
        return r.band === 'red' || r.trend === 'declining'
          ? `${r.name}: ${r.shown} (${r.band ?? 'no band'}, ${r.trend})`
          : null;
      case 'area_concerns':
        return `${r.name}: ${r.schools} schools, ${r.concerns} concerns`;
      case 'overdue_challenges':
        return (
          <>
            <Link to={`/challenges/${r.challenge}`}>{String(r.title)}</Link> ({String(r.owner ?? 'no owner')},{' '}
            {String(r.days_overdue)} days overdue)
          </>
        );
      case 'new_challenges':
        return (
          <>
            <Link to={`/challenges/${r.challenge}`}>{String(r.title)}</Link> ({String(r.category)},{' '}
            {String(r.owner ?? 'no owner')})
          </>
        );
      case 'actions_due':
        return `${r.title} (${r.owner ?? 'no owner'}, due ${r.due_on}${r.overdue ? ', OVERDUE' : ''})`;
      default:
        return null;
    }
  };
  const lines = refs.map(line).filter((l) => l !== null);
  return lines.length ? (
    <ul>
      {lines.slice(0, 12).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the refs are a fixed snapshot
        <li key={i}>{l}</li>
      ))}
      {lines.length > 12 && <li>and {lines.length - 12} more</li>}
    </ul>
  ) : null;
}

export function MeetingPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const term = useTerm();
  const queryClient = useQueryClient();
  const [error, setError] = useState<Error | null>(null);
  const meeting = useQuery({
    queryKey: ['meeting', Number(id)],
    queryFn: () => getJson<Answer<typeof meetingRoute>>(`/api/v1/meetings/${encodeURIComponent(id)}`),
  });
  if (meeting.isError) return <Problem error={meeting.error} />;
  const m = meeting.data;
  if (!m) return <p aria-busy="true">Loading the meeting…</p>;
  const people = m.attendees.map((a) => ({ code: a.code, name: a.name }));
  // A post comes as "<role code> <unit name>": the role in the authority's words.
  const postName = (post: string | null) => (post ?? '').replace(/^\S+/, (role) => term(role));
  return (
    <>
      <p className="crumbs">
        <Link to="/meetings">Meetings</Link>
      </p>
      <h1>{m.title}</h1>
      <p>
        {m.kind_name} on {m.held_on}, chaired by {m.chair?.name ?? 'nobody yet'}; reviews {m.period}.
      </p>
      <h2>Performance packs for {m.period}</h2>
      <ul className="packs">
        {m.packs.map((p) => (
          <li key={p.area}>
            {p.name}: <a href={p.html}>HTML</a> · <a href={p.pdf}>PDF</a>
          </li>
        ))}
      </ul>
      <h2>Agenda</h2>
      {m.can_edit && (
        <p>
          <button
            type="button"
            onClick={async () => {
              setError(null);
              try {
                await send('POST', `/api/v1/meetings/${m.id}/agenda/draft`);
                await queryClient.invalidateQueries({ queryKey: ['meeting', m.id] });
              } catch (err) {
                setError(err as Error);
              }
            }}
          >
            Draft the agenda from the data
          </button>
        </p>
      )}
      {error && <Problem error={error} />}
      <ol className="agenda" data-testid="agenda">
        {m.agenda.map((item) => (
          <li key={item.id}>
            <h3>{item.title}</h3>
            {item.notes && <p>{item.notes}</p>}
            <Refs item={item} />
            {!m.can_edit && item.minutes && <p>Minutes: {item.minutes}</p>}
            {item.decisions.length > 0 && (
              <ul>
                {item.decisions.map((d) => (
                  <li key={d.id}>Decided: {d.text}</li>
                ))}
              </ul>
            )}
            {item.actions.length > 0 && (
              <ul>
                {item.actions.map((a) => (
                  <li key={a.id}>
                    Action: {a.title} ({a.owner?.name ?? 'no owner'}
                    {a.due_on && `, due ${a.due_on}`}, {a.status})
                  </li>
                ))}
              </ul>
            )}
            {m.can_edit && <ItemMinutes meeting={m} item={item} people={people} />}
          </li>
        ))}
      </ol>
      {m.can_edit && <AddAgendaItem meeting={m} />}
      {(m.decisions.length > 0 || m.can_edit) && <h2>Decisions of the meeting</h2>}
      {m.decisions.length > 0 && (
        <ul data-testid="decisions">
          {m.decisions.map((d) => (
            <li key={d.id}>{d.text}</li>
          ))}
        </ul>
      )}
      {m.can_edit && <MeetingDecision meeting={m} />}
      <h2>Attendees</h2>
      <ul className="attendees">
        {m.attendees.map((a) => (
          <li key={a.code}>
            {a.name} <span className="muted">{postName(a.post)}</span> – {a.attendance}
          </li>
        ))}
      </ul>
      <h2>Challenges raised at this meeting ({m.challenges.length})</h2>
      <ul data-testid="raised-here">
        {m.challenges.map((c) => (
          <li key={c.id}>
            <Link to={`/challenges/${c.id}`}>{c.title}</Link> ({c.areas.join(', ')}
            {schoolsNamed(c).length > 0 && `: ${schoolsNamed(c).join(', ')}`}, {statusLabel[c.status]})
          </li>
        ))}
      </ul>
      {/* Anyone who attends and may raise challenges raises them here, for their own units. */}
      {can(session, 'meetings:write') && <RaiseChallenge meetingId={m.id} people={people} />}
    </>
  );
}
