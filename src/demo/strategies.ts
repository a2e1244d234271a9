// The demo's strategies: a leadership strategy shaped like the review the issue quotes (six strands with
// overlapping actions, three levels of accountability, some items still without a lead), reorganised
// after the spring term as the review recommends (six strands to five), with a year of termly updates
// written by the leads, milestones met, missed and met late, measures on real demo
// indicators, and a link into an improving-standards strategy whose target is the share of schools
// judged good or better. Built through the strategies' own verbs, so the demo obeys the same rules.
import { sql } from 'kysely';
import { type Actor, operator } from '../auth/actor.ts';
import { type Context, contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { indicatorByCode } from '../kpi/indicators.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import type { Random } from '../random.ts';
import { personName } from '../registry/sql.ts';
import type { ActionStatus } from '../strategies/contract.ts';
import { addSummary, closeCycle, openCycle } from '../strategies/cycle.ts';
import { addAction, addMeasure, addStrand, createStrategy } from '../strategies/edit.ts';
import { addLink } from '../strategies/links.ts';
import { reorganise } from '../strategies/reorganise.ts';
import { addEvidence, addMilestone, editMilestone, updateAction } from '../strategies/updates.ts';

/** Who leads: a role the loader finds in the registry, or nobody yet ("a suggested owner?"). */
type LeadRole = 'director' | 'area1' | 'area2' | 'area3' | 'area4' | 'head1' | 'head2' | 'nle' | null;

interface DemoAction {
  code: string;
  title: string;
  purpose: string;
  lead: LeadRole;
  groups: string[];
  sub?: DemoAction[];
}

interface DemoStrand {
  code: string;
  name: string;
  lead: LeadRole;
  actions: DemoAction[];
}

const act = (
  code: string,
  title: string,
  lead: LeadRole,
  groups: string[],
  purpose: string,
  sub?: DemoAction[],
): DemoAction => ({ code, title, lead, groups, purpose, ...(sub ? { sub } : {}) });

/** The leadership strategy as the review found it: six strands, the actions overlapping between them. */
const leadershipStrands: DemoStrand[] = [
  {
    code: 'LD',
    name: 'Leadership development',
    lead: 'area2',
    actions: [
      act('LD1', "Deputy heads' programme", 'area2', ['deputies'], 'Prepare deputies to lead a school'),
      act('LD2', "Assistant heads' network", 'head2', ['assistant_heads'], 'Termly network meetings'),
      act(
        'LD3',
        'Middle leadership programme',
        null,
        ['middle_leaders'],
        'A year-long course for subject leads',
      ),
      act('LD4', 'Coaching for new leaders', 'nle', ['heads', 'deputies'], 'Every new leader has a coach', [
        act('LD4a', 'Train twenty coaches', 'nle', ['heads'], 'Accredited coaching for serving heads'),
      ]),
      act(
        'LD5',
        'Early-years leadership',
        'head1',
        ['eyfs_leaders'],
        'Graduate leaders in every nursery class',
      ),
      act('LD6', 'Peer review between schools', 'area2', ['heads'], 'Trios of schools review each other'),
    ],
  },
  {
    code: 'SP',
    name: 'Succession planning',
    lead: 'area3',
    actions: [
      act(
        'SP1',
        'Aspiring heads programme',
        'area3',
        ['deputies', 'assistant_heads'],
        'Ready for headship in two years',
        [
          act(
            'SP1a',
            'Shadowing placements in other schools',
            'head1',
            ['deputies'],
            'Five days with a serving head',
          ),
        ],
      ),
      act(
        'SP2',
        'Headship applications campaign',
        'area3',
        ['deputies'],
        'More applications per vacant headship',
      ),
      act('SP3', 'Talent pool of acting heads', null, ['deputies'], 'Cover a sudden vacancy within a week'),
      act('SP4', 'NPQH host schools', 'head2', ['heads'], 'Internships in good schools'),
      act('SP5', "Governors' role in succession", 'area3', ['governors'], 'Governors plan for the next head'),
      act(
        'SP6',
        'Track aspiring leaders into headship',
        'area3',
        ['deputies'],
        'Who took up a headship, and where',
      ),
    ],
  },
  {
    code: 'RR',
    name: 'Recruiting and keeping heads',
    lead: null,
    actions: [
      act('RR1', 'Induction for new heads', 'area4', ['heads'], 'A first term that sets a head up'),
      act('RR2', 'First-year mentoring', 'nle', ['heads'], 'A mentor for every head in their first year'),
      act('RR3', 'Headteacher wellbeing service', null, ['heads'], 'Confidential support for heads'),
      act('RR4', 'Exit interviews', 'area4', ['heads'], 'Why heads leave, asked every time'),
      act(
        'RR5',
        'Flexible working for heads',
        'area4',
        ['heads', 'deputies'],
        'Job shares and part-time headship',
      ),
      act(
        'RR6',
        'Recruitment packs for hard-to-fill headships',
        'area4',
        ['heads', 'governors'],
        'Rural and small schools',
      ),
    ],
  },
  {
    code: 'SL',
    name: 'System leadership',
    lead: 'nle',
    actions: [
      act(
        'SL1',
        'Designate local and national leaders',
        'director',
        ['heads'],
        'Enough system leaders in every area',
        [
          act(
            'SL1a',
            'Check own-school judgements before designation',
            'nle',
            ['heads'],
            'Only good or better schools',
          ),
        ],
      ),
      act('SL2', 'School-to-school support', 'nle', ['heads'], 'Every school in difficulty supported'),
      act(
        'SL3',
        'Executive headship and federations',
        'director',
        ['heads', 'governors'],
        'Small schools led together',
      ),
      act(
        'SL4',
        'Specialist leaders of education',
        'nle',
        ['middle_leaders'],
        'Middle leaders who support others',
      ),
      act('SL5', 'Evaluate the impact of deployments', 'nle', ['heads'], 'Did the support work?'),
      act('SL6', 'Partnerships with teaching schools', null, ['heads', 'middle_leaders'], 'Shared training'),
    ],
  },
  {
    code: 'WD',
    name: 'Workforce development',
    lead: 'head1',
    actions: [
      act('WD1', 'Bursar training', 'head1', ['bursars'], 'Finance skills for every bursar', [
        act('WD1a', 'Bursar certificate cohort', 'head1', ['bursars'], 'Twelve bursars accredited'),
      ]),
      act(
        'WD2',
        "School managers' programme",
        'head1',
        ['school_managers'],
        'Business leadership for managers',
      ),
      act('WD3', 'HLTA accreditation', 'head2', ['hltas'], 'Teaching assistants who lead learning'),
      act(
        'WD4',
        'Support staff leadership pathway',
        null,
        ['hltas', 'school_managers'],
        'From assistant to leader',
      ),
      act('WD5', 'Teacher recruitment fair', 'area1', ['heads'], 'Fill posts before September'),
      act(
        'WD6',
        'Early career teachers support',
        'head2',
        ['middle_leaders'],
        'Keep new teachers past year two',
      ),
    ],
  },
  {
    code: 'GV',
    name: 'Governance',
    lead: null,
    actions: [
      act('GV1', 'Governor induction', 'area1', ['governors'], 'Every new governor trained in a term'),
      act('GV2', "Chairs' network", 'area1', ['governors'], 'Chairs learn from each other'),
      act('GV3', 'Clerking standards', null, ['governors'], 'Minutes that hold leaders to account'),
      act('GV4', 'Governor skills audit', 'area1', ['governors'], 'Boards know their gaps'),
      act(
        'GV5',
        "Heads' performance management training",
        'area1',
        ['governors', 'heads'],
        'Fair, useful appraisal',
      ),
      act('GV6', 'Federation governance', 'director', ['governors'], 'One board across federated schools'),
    ],
  },
];

/** What a lead writes, by the status they report. */
const commentary: Record<ActionStatus, string[]> = {
  not_started: ['Planned to start next term.', 'Waiting for the funding decision.'],
  on_track: [
    'Sessions delivered as planned; attendance good.',
    'First cohort under way; feedback positive.',
    'On schedule; the next milestone is in hand.',
    'Schools taking part as expected.',
  ],
  at_risk: [
    'Two facilitators left; replacements being found.',
    'Take-up lower than planned in the rural areas.',
    'Budget for the second cohort not yet confirmed.',
  ],
  off_track: [
    'No sessions this term: the lead post was vacant.',
    'Schools could not release staff during inspections.',
  ],
  done: ['Complete: evaluation written up.'],
  stopped: ['Stopped: merged into another action.'],
};

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Leads {
  byRole: Map<Exclude<LeadRole, null>, { id: number; code: string; name: string }>;
}

/** The people who lead: the director, the first area leads, the first heads and the NLE, as the demo's accounts. */
async function findLeads(db: Db, asOf: string): Promise<Leads> {
  const holders = async (role: string) =>
    (
      await sql<{ id: number; code: string; name: string }>`
        select pe.id, pe.code, ${personName('pe')} as name
        from post p join person pe on pe.id = p.person_id join org_unit o on o.id = p.org_unit_id
        where p.role = ${role} and p.starts_on <= ${asOf} and (p.ends_on is null or p.ends_on > ${asOf})
        order by o.code, p.starts_on`.execute(db)
    ).rows;
  const [director] = await holders('director');
  const areaLeads = await holders('area_lead');
  const heads = await holders('headteacher');
  const { rows: nle } = await sql<{ id: number; code: string; name: string }>`
    select pe.id, pe.code, ${personName('pe')} as name
    from designation d join person pe on pe.id = d.person_id
    where d.kind = 'nle' and d.starts_on <= ${asOf} and (d.ends_on is null or d.ends_on > ${asOf})
    order by pe.code limit 1`.execute(db);
  const byRole: Leads['byRole'] = new Map();
  const set = (
    role: Exclude<LeadRole, null>,
    person: { id: number; code: string; name: string } | undefined,
  ) => {
    if (person) byRole.set(role, person);
  };
  set('director', director);
  for (const [i, lead] of areaLeads.slice(0, 4).entries()) set(`area${i + 1}` as 'area1', lead);
  for (const [i, head] of heads.slice(0, 2).entries()) set(`head${i + 1}` as 'head1', head);
  set('nle', nle[0]);
  return { byRole };
}

/** A value of an indicator for a unit in a period, from the KPI roll-up; null when there is none. */
async function valueAt(db: Db, indicatorCode: string, unit: string, period: string): Promise<number | null> {
  const indicator = await indicatorByCode(db, indicatorCode);
  const [result] = await rollupIndicator(db, indicator, { codes: [unit] }, parsePeriod(period), {
    academicYearStart: 9,
  });
  return result?.value ?? null;
}

/** The academic year before the reference date's (2025-26 for 1 September 2026), as its first year. */
function lastYear(referenceDate: string): number {
  return Number(referenceDate.slice(0, 4)) - 1;
}

const demoStrategyCodes = ['LEAD', 'STANDARDS'];

export interface DemoStrategyIds {
  leadership: number;
  standards: number;
  strands: Map<string, number>;
  actions: Map<string, number>;
}

/**
 * Loads the two strategies and the leadership strategy's year of termly updates (the academic year before
 * the reference date), each update written by the action's lead on a day near its term's end; some late,
 * some never written.
 */
export async function loadDemoStrategies(
  db: Db,
  actor: Actor,
  random: Random,
  referenceDate: string,
): Promise<DemoStrategyIds> {
  const y = lastYear(referenceDate);
  const yy = String(y + 1).slice(2);
  const start = `${y}-09-01`;
  const { byRole } = await findLeads(db, referenceDate);
  const codeOf = (role: LeadRole) => (role ? (byRole.get(role)?.code ?? null) : null);
  const authority = await db
    .selectFrom('org_unit')
    .select('code')
    .where('level', '=', 'authority')
    .executeTakeFirstOrThrow();
  const setUp = contextFor(db, actor, { today: start });

  const standards = await createStrategy(setUp, {
    code: 'STANDARDS',
    name: 'Improving standards strategy',
    purpose: 'Every child in a good school: the share of schools judged good or better, and attendance.',
    scope: authority.code,
    lead: codeOf('director'),
  });
  const goodSchools = await addStrand(setUp, 'STANDARDS', {
    code: 'GS',
    name: 'Good schools for every child',
    purpose: 'Schools judged good or better',
    lead: codeOf('director'),
  });
  const attendance = await addStrand(setUp, 'STANDARDS', {
    code: 'AT',
    name: 'Attendance',
    purpose: 'Pupils in school every day',
    lead: codeOf('area1'),
  });
  const baselinePeriod = `${y}-09`;
  const targetPeriod = `${y + 2}-07`;
  const measure = async (
    strategy: string,
    where: { strand: number } | { action: number },
    indicator: string,
    gain: number,
    trajectory: 'straight' | 'stepped',
    tolerance: number,
    periods = { baseline: baselinePeriod, target: targetPeriod },
  ) => {
    const baseline = await valueAt(db, indicator, authority.code, periods.baseline);
    if (baseline === null) return null;
    return addMeasure(setUp, strategy, {
      ...where,
      indicator,
      baseline_value: Math.round(baseline * 10) / 10,
      baseline_period: periods.baseline,
      target_value: Math.round((baseline + gain) * 10) / 10,
      target_period: periods.target,
      trajectory,
      tolerance,
    });
  };
  const goodTarget = await measure(
    'STANDARDS',
    { strand: goodSchools },
    'good_or_better_schools',
    10,
    'stepped',
    1,
  );
  await measure('STANDARDS', { strand: attendance }, 'attendance_rate', 2, 'straight', 0.5);

  const leadership = await createStrategy(setUp, {
    code: 'LEAD',
    name: `Leadership strategy ${y}–${y + 3}`,
    purpose:
      'Grow, deploy and keep the leaders our schools need: three levels of accountability, reported termly, ' +
      'contributing to the improving-standards strategy.',
    scope: authority.code,
    lead: codeOf('area1'),
  });
  const strands = new Map<string, number>();
  const actions = new Map<string, number>();
  const leadOf = new Map<string, LeadRole>();
  for (const strand of leadershipStrands) {
    const id = await addStrand(setUp, 'LEAD', {
      code: strand.code,
      name: strand.name,
      purpose: '',
      lead: codeOf(strand.lead),
    });
    strands.set(strand.code, id);
    const add = async (action: DemoAction, parent: number | null) => {
      const actionId = await addAction(setUp, id, {
        code: action.code,
        title: action.title,
        purpose: action.purpose,
        lead: codeOf(action.lead),
        parent,
        groups: action.groups,
      });
      actions.set(action.code, actionId);
      leadOf.set(action.code, action.lead);
      for (const sub of action.sub ?? []) await add(sub, actionId);
    };
    for (const action of strand.actions) await add(action, null);
  }
  const systemLeadership = strands.get('SL') as number;
  const workforce = strands.get('WD') as number;
  const onGoodSchools = await measure(
    'LEAD',
    { strand: systemLeadership },
    'good_or_better_schools',
    8,
    'stepped',
    1,
  );
  await measure('LEAD', { strand: workforce }, 'teacher_attendance_rate', 0.6, 'straight', 0.5);
  // Results come once a year: this measure runs by academic year, from the year before the strategy.
  await measure(
    'LEAD',
    { action: actions.get('SL2') as number },
    'expected_standard_rate',
    4,
    'straight',
    1,
    {
      baseline: `${y - 1}-${String(y).slice(2)}`,
      target: `${y + 1}-${String(y + 2).slice(2)}`,
    },
  );
  // The chain the review asks for: system leadership contributes to the good-or-better target.
  if (onGoodSchools && goodTarget)
    await addLink(setUp, {
      from_measure: onGoodSchools,
      to_measure: goodTarget,
      note: 'Support from system leaders moves schools to good',
    });
  await addLink(setUp, {
    from_strand: strands.get('SP') as number,
    to_strand: goodSchools,
    note: 'Good heads in post make good schools',
  });

  await loadMilestones(db, actor, random, actions, leadOf, byRole, y);
  const terms = [
    { term: `${y}-${yy}T1`, due: `${y}-12-12`, from: `${y}-12-01` },
    { term: `${y}-${yy}T2`, due: `${y + 1}-03-27`, from: `${y + 1}-03-16` },
    { term: `${y}-${yy}T3`, due: `${y + 1}-07-17`, from: `${y + 1}-07-06` },
  ];
  const statuses = new Map<string, ActionStatus>();
  const update = { db, random, actions, leadOf, byRole, statuses };
  // Each term's cycle is opened by the overarching lead as the term's updates begin; the first two are
  // closed three weeks after their due date, the summer's is still open (who has not updated shows).
  const overarching = leadActor('area1', byRole).actor;
  for (const [index, term] of terms.entries()) {
    if (index === 2)
      await reorganiseAsReviewed(contextFor(db, overarching, { today: `${y + 1}-04-20` }), strands, actions);
    await openCycle(contextFor(db, overarching, { today: term.from }), 'LEAD', {
      term: term.term,
      due_on: term.due,
    });
    await loadTermUpdates(update, [term], index);
    await loadSummaries(db, random, strands, byRole, term, index === 2);
    if (index < 2)
      await closeCycle(contextFor(db, overarching, { today: addDays(term.due, 21) }), 'LEAD', term.term);
  }
  return { leadership, standards, strands, actions };
}

/** The demo's own strategies, gone: a load cut short within the step begins it again. */
export async function removeDemoStrategies(db: Db): Promise<void> {
  await db.deleteFrom('strategy').where('code', 'in', demoStrategyCodes).execute();
}

/** The lead as an actor (so the log says who wrote it), or the operator for an item nobody leads. */
function leadActor(role: LeadRole, byRole: Leads['byRole']): { actor: Actor; personId: number | null } {
  const person = role ? byRole.get(role) : undefined;
  if (!person) return { actor: operator('Strategy office'), personId: null };
  return { actor: { ...operator(person.name), personId: person.id }, personId: person.id };
}

/** One to three milestones an action, due across the strategy's first two years; past ones mostly met. */
async function loadMilestones(
  db: Db,
  actor: Actor,
  random: Random,
  actions: Map<string, number>,
  leadOf: Map<string, LeadRole>,
  byRole: Leads['byRole'],
  y: number,
) {
  const titles = ['Plan agreed', 'First cohort starts', 'Mid-point review', 'Evaluation published'];
  const dues = [`${y}-10-31`, `${y + 1}-01-31`, `${y + 1}-04-30`, `${y + 1}-07-10`, `${y + 1}-12-11`];
  for (const [code, id] of actions) {
    const count = random.int(1, 3);
    const first = random.int(0, 2);
    for (let i = 0; i < count; i++) {
      const due = dues[first + i] as string;
      const context = contextFor(db, leadActor(leadOf.get(code) ?? null, byRole).actor, {
        today: `${y}-09-01`,
      });
      const milestone = await addMilestone(context, id, { title: titles[i] as string, due_on: due });
      if (due > `${y + 1}-08-31`) continue;
      // Most met on time, some late, some missed.
      const draw = random.float();
      if (draw < 0.15) continue;
      const doneOn = draw < 0.3 ? addDays(due, random.int(5, 40)) : addDays(due, -random.int(0, 20));
      await editMilestone(contextFor(db, actor, { today: doneOn }), milestone, { done_on: doneOn });
    }
  }
}

/** Each term, most leads update by the due date, some after it, a few not at all; items with no lead get none. */
async function loadTermUpdates(
  {
    db,
    random,
    actions,
    leadOf,
    byRole,
    statuses: status,
  }: {
    db: Db;
    random: Random;
    actions: Map<string, number>;
    leadOf: Map<string, LeadRole>;
    byRole: Leads['byRole'];
    statuses: Map<string, ActionStatus>;
  },
  terms: { term: string; due: string; from: string }[],
  firstTerm: number,
) {
  for (const [i, { due, from }] of terms.entries()) {
    const index = firstTerm + i;
    for (const [code, id] of actions) {
      const role = leadOf.get(code) ?? null;
      if (!role || !byRole.has(role)) continue;
      const current = status.get(code) ?? 'not_started';
      if (current === 'done' || current === 'stopped') continue;
      const draw = random.float();
      // Later terms are less complete: 4% missing in the first term, 15% by the third.
      if (draw < 0.04 + index * 0.055) continue;
      const late = draw > 0.88;
      const on = late ? addDays(due, random.int(3, 21)) : addDays(from, random.int(0, 11));
      const next = nextStatus(random, current, index);
      const { actor } = leadActor(role, byRole);
      const context: Context = contextFor(db, actor, { today: on });
      await updateAction(context, id, {
        status: next,
        commentary: random.pick(commentary[next]),
        on,
      });
      if (random.chance(0.3))
        await addEvidence(context, id, {
          note: `Term report: ${random.pick(['attendance register', 'evaluation summary', 'session notes'])}`,
          url: null,
        });
      status.set(code, next);
      // A finished action has met its milestones.
      if (next === 'done')
        await db
          .updateTable('strategy_milestone')
          .set({ done_on: on })
          .where('action_id', '=', id)
          .where('done_on', 'is', null)
          .execute();
    }
  }
}

const summaries: Record<'green' | 'amber' | 'red', string[]> = {
  green: [
    'Most actions on track; the first cohorts are under way.',
    'Good progress: milestones met on time.',
  ],
  amber: [
    'Some actions slipping: take-up is lower than planned in rural areas.',
    'On track overall, but two actions need new leads.',
  ],
  red: ['Behind plan: the lead post was vacant for most of the term.'],
};

/** Strand leads (and the overarching lead, overall) sum up the term, most of them before the due date. */
async function loadSummaries(
  db: Db,
  random: Random,
  strands: Map<string, number>,
  byRole: Leads['byRole'],
  term: { term: string; due: string },
  afterReview: boolean,
) {
  const writers: [number | null, LeadRole][] = [
    ...leadershipStrands
      .filter((strand) => !(afterReview && strand.code === 'LD'))
      .map((strand): [number | null, LeadRole] => [strands.get(strand.code) as number, strand.lead]),
    [null, 'area1'],
  ];
  for (const [strandId, role] of writers) {
    if (!role || !byRole.has(role) || random.chance(0.15)) continue;
    const draw = random.float();
    const rag = draw < 0.55 ? 'green' : draw < 0.9 ? 'amber' : 'red';
    const context = contextFor(db, leadActor(role, byRole).actor, {
      today: addDays(term.due, -random.int(0, 6)),
    });
    await addSummary(context, 'LEAD', term.term, {
      strand_id: strandId,
      rag,
      commentary: random.pick(summaries[rag]),
    });
  }
}

/**
 * The review's reconfiguration, between the spring and summer terms: the deputy, assistant head and
 * middle leadership actions move under succession planning, the rest of leadership development merges
 * into system leadership (six strands become five), and the workforce strand widens to bursars and
 * school managers.
 */
async function reorganiseAsReviewed(
  context: Context,
  strands: Map<string, number>,
  actions: Map<string, number>,
) {
  const id = (map: Map<string, number>, code: string) => map.get(code) as number;
  for (const code of ['LD1', 'LD2', 'LD3'])
    await reorganise(context, 'LEAD', {
      kind: 'move_action',
      action: id(actions, code),
      to_strand: id(strands, 'SP'),
      reason:
        'Strategy review: deputy, assistant head and middle leadership development is succession planning',
    });
  await reorganise(context, 'LEAD', {
    kind: 'merge_strands',
    strands: [id(strands, 'SL'), id(strands, 'LD')],
    into: id(strands, 'SL'),
    reason:
      'Strategy review: six strands to five; coaching, early-years leadership and peer review are system leadership',
  });
  await reorganise(context, 'LEAD', {
    kind: 'edit_strand',
    strand: id(strands, 'WD'),
    name: 'Workforce: bursars, school managers and support staff',
    reason: 'Strategy review: the workforce strand widened to bursars and school managers',
  });
}

function nextStatus(random: Random, current: ActionStatus, termIndex: number): ActionStatus {
  const draw = random.float();
  if (current === 'not_started') return draw < 0.75 ? 'on_track' : draw < 0.9 ? 'not_started' : 'at_risk';
  if (current === 'at_risk') return draw < 0.5 ? 'on_track' : draw < 0.8 ? 'at_risk' : 'off_track';
  if (current === 'off_track') return draw < 0.4 ? 'at_risk' : draw < 0.7 ? 'off_track' : 'on_track';
  if (termIndex === 2 && draw < 0.15) return 'done';
  return draw < 0.75 ? 'on_track' : draw < 0.92 ? 'at_risk' : 'off_track';
}
