// The strategies pages' words for the API's values, and how a status or judgement is shown: in words as
// well as colour (colour alone does not tell everyone).
import type { ActionStatus, Measure, MeasureJudgement } from '../../../src/strategies/contract.ts';
import { formatValue } from '../format.tsx';

export const statusNames: Record<ActionStatus, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  done: 'Done',
  stopped: 'Stopped',
};

const statusBands: Partial<Record<ActionStatus, string>> = {
  on_track: 'green',
  at_risk: 'amber',
  off_track: 'red',
};

export function StatusTag({ status }: { status: ActionStatus }) {
  return <span className={`band ${statusBands[status] ?? ''}`}>{statusNames[status]}</span>;
}

const judgementNames: Record<MeasureJudgement, string> = {
  on_track: 'On track',
  off_track: 'Off track',
  no_data: 'No data yet',
};
const judgementBands: Record<MeasureJudgement, string> = { on_track: 'green', off_track: 'red', no_data: '' };

export function JudgementTag({ judgement }: { judgement: MeasureJudgement }) {
  return <span className={`band ${judgementBands[judgement]}`}>{judgementNames[judgement]}</span>;
}

/** "No lead" flagged wherever an item has none, until it has one. */
export function LeadName({ lead }: { lead: { name: string } | null }) {
  return lead ? lead.name : <span className="band red">No lead</span>;
}

export const measureValue = (m: Measure, value: number | null) => formatValue(m.indicator, value);
