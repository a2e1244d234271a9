// The one table of what each measure says about practice: which practice area an indicator, a stage's
// value added, a visit rubric's section and an inspection's evaluation area speak for. A strength is
// named by its area, and a practice need (raised on an indicator) is met by a strength in the same area,
// so a school strong in attendance shares attendance practice whatever its overall grade.
import type { PracticeArea } from './contract.ts';

export const practiceAreaNames: Record<PracticeArea, string> = {
  attendance: 'Attendance',
  behaviour: 'Behaviour',
  curriculum: 'Curriculum',
  teaching: 'Teaching',
  attainment: 'Attainment',
  progress: 'Pupils’ progress',
  inclusion: 'Inclusion and SEND',
  personal_development: 'Personal development and safeguarding',
  early_years: 'Early years',
  sixth_form: 'Sixth form',
  leadership: 'Leadership',
  staff_development: 'Staff development',
  community: 'Parents and community',
};

/** KPI indicators by code; value added of every stage (`value_added_ks2`) is pupils' progress. */
const indicatorAreas: Record<string, PracticeArea> = {
  attendance_rate: 'attendance',
  absence_rate: 'attendance',
  // Girls' and boys' attendance (issue 25's categories): the same practice as everyone's.
  girls_attendance_rate: 'attendance',
  boys_attendance_rate: 'attendance',
  expected_standard_rate: 'attainment',
  lesson_completion_rate: 'teaching',
  teacher_attendance_rate: 'staff_development',
};

/** Sections of the shipped visit rubrics (LEADERSHIP and LESSON), by section code. */
const rubricSectionAreas: Record<string, PracticeArea> = {
  VIS: 'leadership',
  CUR: 'curriculum',
  TQO: 'teaching',
  DAT: 'attainment',
  STF: 'staff_development',
  SAF: 'personal_development',
  COM: 'community',
  PLN: 'curriculum',
  INS: 'teaching',
  ENG: 'behaviour',
  ASM: 'teaching',
};

/**
 * Evaluation areas of the shipped frameworks by code. The report card's attendance and behaviour is one
 * area graded once: a strong grade there is a strength in both. The legacy framework grades leadership
 * beside the overall grade; its overall grade is never a strength in any area.
 */
const inspectionAreaAreas: Record<string, PracticeArea[]> = {
  inclusion: ['inclusion'],
  curriculum_and_teaching: ['curriculum', 'teaching'],
  achievement: ['attainment'],
  attendance_and_behaviour: ['attendance', 'behaviour'],
  personal_development: ['personal_development'],
  leadership_and_governance: ['leadership'],
  early_years: ['early_years'],
  sixth_form: ['sixth_form'],
  leadership: ['leadership'],
};

/** The practice area an indicator speaks for, or null (enrolment, ratios: not practice). */
export function indicatorPracticeArea(indicator: string): PracticeArea | null {
  if (indicator.startsWith('value_added_')) return 'progress';
  return indicatorAreas[indicator] ?? null;
}

export function rubricSectionPracticeArea(section: string): PracticeArea | null {
  return rubricSectionAreas[section] ?? null;
}

export function inspectionAreaPracticeAreas(area: string): PracticeArea[] {
  return inspectionAreaAreas[area] ?? [];
}

/** The mapping as rows, for the docs' table and the API's reference list. */
export function practiceAreaMapping(): {
  practice_area: PracticeArea;
  name: string;
  indicators: string[];
  rubric_sections: string[];
  inspection_areas: string[];
}[] {
  return (Object.keys(practiceAreaNames) as PracticeArea[]).map((area) => ({
    practice_area: area,
    name: practiceAreaNames[area],
    indicators: [
      ...Object.keys(indicatorAreas).filter((i) => indicatorAreas[i] === area),
      ...(area === 'progress' ? ['value_added_<stage>'] : []),
    ],
    rubric_sections: Object.keys(rubricSectionAreas).filter((s) => rubricSectionAreas[s] === area),
    inspection_areas: Object.keys(inspectionAreaAreas).filter((a) => inspectionAreaAreas[a]?.includes(area)),
  }));
}
