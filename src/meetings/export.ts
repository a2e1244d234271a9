// The challenges log as a spreadsheet (CSV or XLSX): one row per challenge with what the board shows.
import { type TableFormat, writeTable } from '../tabular/write.ts';
import type { ChallengeSummary } from './challenge-contract.ts';

export const challengeColumns = [
  'id',
  'title',
  'category',
  'priority',
  'status',
  'areas',
  'units',
  'owner',
  'raised_by',
  'raised_on',
  'due_on',
  'resolved_on',
  'closed_on',
  'age_days',
  'overdue',
  'recurring',
] as const;

function challengeRow(c: ChallengeSummary) {
  return {
    id: c.id,
    title: c.title,
    category: c.category_name,
    priority: c.priority,
    status: c.status,
    areas: c.areas.join(' '),
    units: c.units.map((u) => u.code).join(' '),
    owner: c.owner?.name ?? null,
    raised_by: c.raised_by?.name ?? null,
    raised_on: c.raised_on,
    due_on: c.due_on,
    resolved_on: c.resolved_on,
    closed_on: c.closed_on,
    age_days: c.age_days,
    overdue: c.overdue ? 'yes' : 'no',
    recurring: c.recurring?.title ?? null,
  };
}

export function writeChallenges(challenges: ChallengeSummary[], format: TableFormat): Promise<Buffer> {
  return writeTable(challengeColumns, challenges.map(challengeRow), format);
}

export const spreadsheetType: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
