// Which rubric's scores are KPI indicators, and its parts: the whole rubric (section null) and each
// section. Shared by the catalogue (score-elements.ts) and the query (score-totals.ts).
import { defaultRubrics } from './schema.ts';

const leadership = defaultRubrics.find((r) => r.code === 'LEADERSHIP');
export const scoredRubric = 'LEADERSHIP';
export const scoredParts: { section: string | null; suffix: string; name: string }[] = [
  { section: null, suffix: '', name: 'Leadership supervision' },
  ...(leadership?.sections ?? []).map(([code, name]) => ({
    section: code,
    suffix: `_${code.toLowerCase()}`,
    name: `Leadership supervision: ${name.toLowerCase()}`,
  })),
];
