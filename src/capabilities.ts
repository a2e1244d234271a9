// The composition root's wiring between capabilities: where a capability lower down offers a hook, the
// capabilities above it plug in here, so the lower one never imports them. Every entry point imports
// this module first: src/server.ts, src/cli.ts and the tests (test/setup.ts).
import { givingElementSource } from './giving/elements.ts';
import { governanceElementSource } from './governance/elements.ts';
import { inspectionElementSource } from './inspections/good-or-better-elements.ts';
import { registerComputedElements } from './kpi/computed-elements.ts';
import { challengeElementSource } from './meetings/challenge-elements.ts';
import { grownElementSource } from './programmes/grown-elements.ts';
import { teacherElementSource } from './teachers/elements.ts';
import { vacancyElementSource } from './vacancies/indicators.ts';
import { visitElementSource } from './visits/score-elements.ts';

// The challenges log's measures are KPI data elements the roll-up computes rather than reads.
registerComputedElements(challengeElementSource);
// The good-or-better shares are computed from the inspections.
registerComputedElements(inspectionElementSource);
// Supervision visits' rubric scores, as mean levels by section.
registerComputedElements(visitElementSource);
// Growing your own: staff who moved from teaching into leadership, from the post history.
registerComputedElements(grownElementSource);
// Teachers where the pupils are: gaps against the staffing norms and the degree of randomness.
registerComputedElements(teacherElementSource);
// The vacancy register's recruitment figures (applications, first time, time to fill, interim-led schools).
registerComputedElements(vacancyElementSource);
// Governing boards: vacancy rate, succession plans and training compliance, from the boards.
registerComputedElements(governanceElementSource);
// Give and receive: schools that gave and received support, from the deployments and placements.
registerComputedElements(givingElementSource);
