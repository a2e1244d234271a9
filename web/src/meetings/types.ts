// The meetings API's shapes as the pages use them (see the OpenAPI document for the full ones).
export interface PersonRef {
  code: string;
  name: string;
}

export interface ChallengeSummary {
  id: number;
  title: string;
  category: string;
  category_name: string;
  priority: string;
  status: string;
  raised_on: string;
  due_on: string | null;
  resolved_on: string | null;
  owner: PersonRef | null;
  raised_by: PersonRef | null;
  meeting_id: number | null;
  units: { code: string; name: string; level: string }[];
  areas: string[];
  recurring: { id: number; title: string } | null;
  age_days: number;
  overdue: boolean;
}

export interface Challenge extends ChallengeSummary {
  description: string;
  resolution: string | null;
  closed_reason: string | null;
  verified_on: string | null;
  meeting: { id: number; title: string; held_on: string } | null;
  next: string[];
  timeline: {
    id: number;
    on: string;
    kind: string;
    author: string;
    from_status: string | null;
    to_status: string | null;
    note: string;
  }[];
  actions: { id: number; title: string; status: string; due_on: string | null; owner_name: string | null }[];
  recurs_with: ChallengeSummary[];
}

export interface Action {
  id: number;
  title: string;
  status: string;
  due_on: string | null;
  done_on?: string | null;
  overdue?: boolean;
  owner: PersonRef | null;
  meeting?: { id: number; title: string; held_on: string } | null;
  challenge?: { id: number; title: string } | null;
}

export interface AgendaItem {
  id: number;
  kind: string;
  title: string;
  notes: string;
  refs: Record<string, unknown>[];
  minutes: string;
  decisions: { id: number; text: string }[];
  actions: Action[];
}

export interface Meeting {
  id: number;
  kind: string;
  kind_name: string;
  title: string;
  held_on: string;
  period: string;
  org_unit: { code: string; name: string };
  chair: PersonRef | null;
  attendees: number | (PersonRef & { attendance: string; post: string | null })[];
  present: number;
  challenges_raised: number;
  actions_open: number;
}

export interface MeetingDetail extends Omit<Meeting, 'attendees'> {
  can_edit: boolean;
  attendees: (PersonRef & { attendance: string; post: string | null })[];
  agenda: AgendaItem[];
  decisions: { id: number; text: string }[];
  actions: Action[];
  packs: { area: string; name: string; html: string; pdf: string }[];
  challenges: ChallengeSummary[];
}

export interface Category {
  code: string;
  name: string;
  retired: boolean;
}

export const statusLabel: Record<string, string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  verified: 'Verified',
  closed: "Closed: won't fix",
};
