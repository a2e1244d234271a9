// The needs list as a spreadsheet (CSV or XLSX): every need the filters select, in the order asked
// for, with what the list shows, for a broker's own workbook or a meeting's papers.
import { type TableFormat, writeTable } from '../tabular/write.ts';
import type { Need } from './need-contract.ts';

const needColumns = [
  'id',
  'school',
  'school_name',
  'area',
  'kind',
  'indicator',
  'severity',
  'inspection',
  'status',
  'raised_on',
  'age_days',
  'days',
  'rule',
  'evidence',
  'leader',
] as const;

export function writeNeeds(needs: Need[], format: TableFormat): Promise<Buffer> {
  return writeTable(
    needColumns,
    needs.map((n) => ({
      id: n.id,
      school: n.school,
      school_name: n.school_name,
      area: n.area,
      kind: n.kind,
      indicator: n.indicator,
      severity: n.severity,
      inspection: n.inspection,
      status: n.status,
      raised_on: n.raised_on,
      age_days: n.age_days,
      days: n.days,
      rule: n.rule,
      evidence: n.evidence,
      leader: n.deployment?.leader_name ?? null,
    })),
    format,
  );
}
