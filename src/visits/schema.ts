// Supervision visits: versioned rubrics (sections > criteria > levels with descriptors), planned and
// recorded visits to schools with their visitors, a score per criterion with its evidence, and (in
// meetings' action_item, by visit_id) the actions agreed. Defaults shipped with the migration are here.
import type { ColumnType, Generated } from 'kysely';
import type { visitStatuses, visitTypes } from './lists.ts';

type DateColumn = ColumnType<string, string, string>;
type VisitType = (typeof visitTypes)[number];
type VisitStatus = (typeof visitStatuses)[number];

/**
 * One version of a rubric. A rubric is its code; editing one no visit has been scored on changes it in
 * place, editing one in use adds version n+1 (visits keep the version they were scored on).
 */
interface RubricTable {
  id: Generated<number>;
  code: string;
  version: number;
  name: string;
  /** The top level: 4 or 5 (the bottom is always 1). */
  scale_max: number;
  visit_types: VisitType[];
  created_on: DateColumn;
  /** A later version replaced it: kept for the visits scored on it, offered for no new one. */
  superseded: Generated<boolean>;
}

interface RubricSectionTable {
  id: Generated<number>;
  rubric_id: number;
  code: string;
  name: string;
  position: number;
}

interface RubricCriterionTable {
  id: Generated<number>;
  section_id: number;
  code: string;
  name: string;
  evidence_prompt: string;
  position: number;
}

interface RubricLevelTable {
  criterion_id: number;
  level: number;
  descriptor: string;
}

interface VisitTable {
  id: Generated<number>;
  /** Made by the device that recorded it (the offline form), so a retried post is recognised, not doubled. */
  client_id: string;
  /** Raised by each change; a change made against an older version is refused (conflict), never merged silently. */
  version: Generated<number>;
  school_unit_id: number;
  visit_on: DateColumn;
  visit_type: VisitType;
  status: VisitStatus;
  rubric_id: number | null;
  purpose: string;
  strengths: string;
  development: string;
  recorded_by: string;
  created_on: DateColumn;
}

interface VisitVisitorTable {
  visit_id: number;
  person_id: number;
}

interface VisitScoreTable {
  visit_id: number;
  criterion_id: number;
  level: number;
  evidence: string;
}

export interface VisitTables {
  rubric: RubricTable;
  rubric_section: RubricSectionTable;
  rubric_criterion: RubricCriterionTable;
  rubric_level: RubricLevelTable;
  visit: VisitTable;
  visit_visitor: VisitVisitorTable;
  visit_score: VisitScoreTable;
}

interface DefaultRubric {
  code: string;
  name: string;
  visit_types: VisitType[];
  /** Section code and name, then its criteria: code, name, evidence prompt, and a descriptor per level (1 up). */
  sections: [string, string, [string, string, string, string[]][]][];
}

/** Four descriptors for a practice, from absent to strong and shared. */
function ladder(practice: string): string[] {
  return [
    `Not yet in place: ${practice} is absent or left to chance.`,
    `Developing: ${practice} is in place in parts of the school but not consistent.`,
    `Secure: ${practice} is consistent across the school and leaders check it.`,
    `Strong: ${practice} is consistent, evaluated for impact, and shared with other schools.`,
  ];
}

/** Four descriptors for what a lesson shows, from not seen to exemplary. */
function lessonLadder(practice: string): string[] {
  return [
    `Not seen: ${practice} was not seen in the lesson.`,
    `Partly: ${practice} was seen in parts of the lesson or for some pupils.`,
    `Consistent: ${practice} was seen throughout the lesson for most pupils.`,
    `Exemplary: ${practice} was seen throughout for every pupil, and their work shows it.`,
  ];
}

const leadershipSections: [string, string, [string, string][]][] = [
  [
    'VIS',
    'Vision',
    [
      [
        'a shared vision for pupils’ achievement that staff can state',
        'Ask three staff what the school is aiming for.',
      ],
      [
        'priorities in the improvement plan that follow from evidence',
        'Read the improvement plan against the data.',
      ],
    ],
  ],
  [
    'CUR',
    'Curriculum leadership',
    [
      ['a sequenced curriculum with clear end points in each subject', 'Look at two subjects’ plans.'],
      [
        'subject leaders who check how the curriculum is taught',
        'Ask a subject leader what they found last term.',
      ],
    ],
  ],
  [
    'TQO',
    'Teaching quality oversight',
    [
      [
        'regular observation of teaching with useful feedback',
        'See the observation schedule and two feedback notes.',
      ],
      ['support for teachers whose practice is weak', 'Ask what happens after a weak observation.'],
    ],
  ],
  [
    'DAT',
    'Data use',
    [
      ['use of attainment and attendance data to find pupils falling behind', 'Ask who the lowest 20% are.'],
      ['pupil progress meetings that lead to action', 'Read the last progress meeting’s notes.'],
    ],
  ],
  [
    'STF',
    'Staff development',
    [
      ['professional development matched to the school’s priorities', 'See this year’s training plan.'],
      ['growing the next leaders', 'Ask who could lead the school in five years.'],
    ],
  ],
  [
    'SAF',
    'Safeguarding',
    [
      ['a culture where staff report concerns promptly', 'Ask a new member of staff what they would do.'],
      ['records of concerns that are complete and followed up', 'Sample three records.'],
    ],
  ],
  [
    'COM',
    'Community',
    [
      ['parents informed about and involved in their children’s learning', 'See the last parents’ survey.'],
      ['work with other schools and services', 'Ask for one partnership and its effect.'],
    ],
  ],
];

const lessonSections: [string, string, [string, string][]][] = [
  [
    'PLN',
    'Planning and purpose',
    [
      [
        'a clear learning goal that builds on what pupils know',
        'Ask a pupil what they are learning and why.',
      ],
    ],
  ],
  [
    'INS',
    'Instruction',
    [
      ['clear explanation and modelling', 'Note how new content is introduced.'],
      ['questioning that checks every pupil’s understanding', 'Count who answers.'],
    ],
  ],
  [
    'ENG',
    'Engagement and climate',
    [
      ['pupils on task and learning time used well', 'Note time lost.'],
      ['a respectful, safe classroom', 'Note how errors are treated.'],
    ],
  ],
  [
    'ASM',
    'Assessment and feedback',
    [['feedback that moves learning on during the lesson', 'Look at two pupils’ books.']],
  ],
];

function build(
  sections: [string, string, [string, string][]][],
  levels: (practice: string) => string[],
): DefaultRubric['sections'] {
  return sections.map(([code, name, criteria]) => [
    code,
    name,
    criteria.map(([practice, prompt], i) => [
      `${code}${i + 1}`,
      practice[0]?.toUpperCase() + practice.slice(1),
      prompt,
      levels(practice),
    ]),
  ]);
}

export const defaultRubrics: DefaultRubric[] = [
  {
    code: 'LEADERSHIP',
    name: 'Leadership supervision',
    visit_types: ['supervision', 'monitoring'],
    sections: build(leadershipSections, ladder),
  },
  {
    code: 'LESSON',
    name: 'Lesson observation',
    visit_types: ['coaching', 'monitoring'],
    sections: build(lessonSections, lessonLadder),
  },
];
