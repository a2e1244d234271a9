// The demo's give-and-receive target: the authority aims for three schools in five both giving and
// receiving support in the year (the measure is computed from the deployments the demo already has).
import type { Context } from '../context.ts';
import { importTable } from '../exchange/exchange.ts';
import { academicYearOf } from '../kpi/periods.ts';

export async function loadDemoGiving(
  context: Context,
  authority: string,
  referenceDate: string,
): Promise<void> {
  const year = academicYearOf(referenceDate.slice(0, 7), context.settings.academicYearStart);
  await importTable(
    context,
    'targets',
    {
      header: ['indicator', 'org_unit_code', 'academic_year', 'value'],
      rows: [{ row: 2, cells: ['schools_gave_and_received', authority, year, '60'] }],
    },
    { fileName: 'demo give and receive' },
  );
}
