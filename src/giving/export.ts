// The support between schools in a year as a spreadsheet (CSV or XLSX): each deployment and placement
// with the school that gave it and the school that received it, for a director's workbook and for
// checking the give-and-receive figures by hand (count the schools in each column).
import { canSee, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { type TableFormat, writeTable } from '../tabular/write.ts';
import type { SupportFlow } from './contract.ts';
import { givingYear, maskFlow } from './giving.ts';
import { flowsQuery } from './queries.ts';

const columns = [
  'source',
  'id',
  'kind',
  'given_by',
  'given_by_name',
  'received_by',
  'received_by_name',
  'person',
  'person_name',
  'starts_on',
  'ends_on',
  'status',
  'days_agreed',
  'days_in_year',
] as const;

/** The year's support given or received by a school the caller sees. */
export async function supportInYear(context: Context, query: { year?: string } = {}): Promise<SupportFlow[]> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:read');
  const { rows } = await flowsQuery(givingYear(context, query.year), null).execute(db);
  return rows
    .filter(
      (f) =>
        (f.given_by !== null && canSee(actor, f.given_by)) ||
        (f.received_by !== null && canSee(actor, f.received_by)),
    )
    .map((f) => maskFlow(actor, f));
}

export function writeSupport(flows: SupportFlow[], format: TableFormat): Promise<Buffer> {
  return writeTable(
    columns,
    flows.map(({ days_in_period, ...f }) => ({ ...f, days_in_year: days_in_period })),
    format,
  );
}
