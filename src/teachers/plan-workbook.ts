// A redeployment plan as the workbook an area lead takes to the meeting: the moves with their reasons
// and decisions, the recruits, the figures before and after, and the limits it was made under.
import type { Context } from '../context.ts';
import { writeWorkbook } from '../tabular/write.ts';
import { planDetail } from './plans.ts';

const figureRows: [
  string,
  'gap' | 'surplus' | 'schoolsAboveMaxRatio' | 'pupilsInSchoolsAboveMaxRatio' | 'degreeOfRandomness',
][] = [
  ['Teachers lacking against the norm', 'gap'],
  ['Teachers over the norm', 'surplus'],
  ['Schools above the maximum pupil-teacher ratio', 'schoolsAboveMaxRatio'],
  ['Pupils in those schools', 'pupilsInSchoolsAboveMaxRatio'],
  ['Degree of randomness (1 - R²)', 'degreeOfRandomness'],
];

export async function planWorkbook(context: Context, id: number): Promise<Buffer> {
  const plan = await planDetail(context, id);
  return writeWorkbook([
    {
      name: 'moves',
      columns: ['from_code', 'from_school', 'to_code', 'to_school', 'teachers', 'km', 'reason', 'decision'],
      rows: plan.moves.map((m) => ({
        from_code: m.from.code,
        from_school: m.from.name,
        to_code: m.to.code,
        to_school: m.to.name,
        teachers: m.teachers,
        km: m.km,
        reason: m.reason,
        decision: m.decision,
      })),
      widths: { from_school: 28, to_school: 28, reason: 70 },
    },
    {
      name: 'recruits',
      columns: ['school_code', 'school', 'teachers'],
      rows: plan.recruits.map((r) => ({
        school_code: r.school.code,
        school: r.school.name,
        teachers: r.teachers,
      })),
      widths: { school: 28 },
    },
    {
      name: 'figures',
      columns: ['measure', 'before', 'after'],
      rows: figureRows.map(([measure, key]) => ({
        measure,
        before: plan.before[key],
        after: plan.after[key],
      })),
      widths: { measure: 46 },
    },
    {
      name: 'limits',
      columns: ['setting', 'value'],
      rows: [
        { setting: 'Plan', value: plan.id },
        { setting: 'Unit', value: `${plan.unit.code} ${plan.unit.name}` },
        { setting: 'Month of the data', value: plan.month },
        { setting: 'Travel distance at most (km)', value: plan.limits.max_km },
        { setting: 'Road distance as a multiple of the straight line', value: plan.limits.detour },
        { setting: 'Moves out of a school at most', value: plan.limits.max_moves_out },
        { setting: 'Within clusters only', value: plan.limits.within_clusters ? 'yes' : 'no' },
        { setting: 'Recruits posted', value: plan.limits.recruits },
        { setting: 'Teachers moved (the gap the moves close)', value: plan.objective },
        { setting: 'No plan under these limits moves more than', value: plan.bound },
        { setting: 'Proved optimal', value: plan.optimal ? 'yes' : 'no' },
        { setting: 'Made by', value: `${plan.made_by}, ${plan.made_on}` },
      ],
      widths: { setting: 48, value: 24 },
    },
  ]);
}
