// The meetings capability's tables: meetings with attendees, agenda and minutes; the challenges log
// with the units each affects, its dated timeline and recurring links; and actions.
import type { ColumnType, Generated } from 'kysely';
import type { ChallengeStatus, Priority, UpdateKind } from './challenge-contract.ts';
import type { ActionStatus, AgendaKind, Attendance, MeetingKind } from './meeting-contract.ts';

export const meetingKindNames: Record<MeetingKind, string> = {
  area_leads: 'Monthly area-lead meeting',
  retreat: 'Norming / strategy retreat',
  area_headteachers: 'Area meeting with headteachers',
  trust_board: 'Trust board',
};

/** The categories a new authority starts with; an admin or the director may add, rename and retire them. */
export const defaultCategories: { code: string; name: string }[] = [
  { code: 'staffing_gap', name: 'Staffing gap' },
  { code: 'teacher_deployment', name: 'Teacher deployment' },
  { code: 'leadership_vacancy', name: 'Leadership vacancy' },
  { code: 'infrastructure', name: 'Infrastructure' },
  { code: 'resources', name: 'Resources and materials' },
  { code: 'safeguarding', name: 'Safeguarding' },
  { code: 'attendance', name: 'Attendance' },
  { code: 'data', name: 'Data' },
  { code: 'other', name: 'Other' },
];

type DateColumn = ColumnType<string, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

interface ChallengeCategoryTable {
  code: string;
  name: string;
  position: number;
  retired: Generated<boolean>;
}

interface MeetingTable {
  id: Generated<number>;
  kind: MeetingKind;
  title: string;
  held_on: DateColumn;
  /** Whose meeting: the authority for the monthly area-lead meeting, an area for its own. */
  org_unit_id: number;
  chair_person_id: number | null;
  /** The KPI month the meeting reviews (YYYY-MM): its packs and its drafted agenda. */
  period: string;
  created_at: Generated<Date>;
}

interface MeetingAttendeeTable {
  meeting_id: number;
  person_id: number;
  attendance: Attendance;
}

interface AgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  kind: AgendaKind;
  title: string;
  /** What the chair wants said; for a drafted item, the summary Headway wrote. */
  notes: string;
  /** What a drafted item points at (challenge and action ids, concerns), as they were when drafted. */
  refs: ColumnType<unknown, string, string>;
  minutes: string;
}

interface DecisionTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  text: string;
  created_at: Generated<Date>;
}

interface RecurringProblemTable {
  id: Generated<number>;
  title: string;
  created_at: Generated<Date>;
}

interface ChallengeTable {
  id: Generated<number>;
  title: string;
  description: string;
  category: string;
  raised_on: DateColumn;
  raised_by_person_id: number | null;
  meeting_id: number | null;
  owner_person_id: number | null;
  priority: Priority;
  due_on: DateColumn | null;
  status: ChallengeStatus;
  resolution: string | null;
  closed_reason: string | null;
  /** The day it last moved to resolved (cleared if reopened): time to resolution counts to here. */
  resolved_on: DateColumn | null;
  verified_on: DateColumn | null;
  closed_on: DateColumn | null;
  recurring_id: number | null;
  updated_at: Timestamp;
}

interface ChallengeUnitTable {
  challenge_id: number;
  org_unit_id: number;
}

interface ChallengeUpdateTable {
  id: Generated<number>;
  challenge_id: number;
  /** The day it happened (a meeting's decisions are often recorded afterwards). */
  on_date: DateColumn;
  recorded_at: Generated<Date>;
  author: string;
  kind: UpdateKind;
  from_status: ChallengeStatus | null;
  to_status: ChallengeStatus | null;
  note: string;
}

interface ActionItemTable {
  id: Generated<number>;
  title: string;
  owner_person_id: number | null;
  due_on: DateColumn | null;
  status: ActionStatus;
  meeting_id: number | null;
  agenda_item_id: number | null;
  challenge_id: number | null;
  /** Agreed on a supervision visit (visits/): the visit's school is its unit. */
  visit_id: Generated<number | null>;
  /** Whose action it is for scope: the meeting's unit, or the first unit the challenge affects. */
  org_unit_id: number;
  created_on: DateColumn;
  done_on: DateColumn | null;
}

/** One reminder sent about one overdue item to its owner, at most once a day per channel (see reminders.ts). */
interface ReminderSentTable {
  id: Generated<number>;
  /** strategy_request: a termly cycle's request for an update (strategies/cycle-reminders.ts). */
  item_kind: 'action' | 'challenge' | 'strategy_request';
  item_id: number;
  person_id: number;
  channel: 'email';
  sent_on: DateColumn;
  sent_to: string;
  sent_at: Generated<Date>;
}

/** Mail that would have been sent had SMTP been configured, for an admin to read (see outbox.ts). */
interface MailOutboxTable {
  id: Generated<number>;
  sent_to: string;
  subject: string;
  body: string;
  written_on: DateColumn;
  written_at: Generated<Date>;
}

export interface MeetingsTables {
  challenge_category: ChallengeCategoryTable;
  meeting: MeetingTable;
  meeting_attendee: MeetingAttendeeTable;
  agenda_item: AgendaItemTable;
  decision: DecisionTable;
  recurring_problem: RecurringProblemTable;
  challenge: ChallengeTable;
  challenge_unit: ChallengeUnitTable;
  challenge_update: ChallengeUpdateTable;
  action_item: ActionItemTable;
  reminder_sent: ReminderSentTable;
  mail_outbox: MailOutboxTable;
}
