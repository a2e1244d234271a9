// Each need rule fires on a hand-made case and stays silent on its near miss.
import { describe, expect, test } from 'vitest';
import { needsOf } from './need-rules.ts';
import type { SchoolFacts } from './school-facts.ts';
import { defaultBrokeringSettings as settings } from './settings.ts';
import { schoolWith } from './test-facts.ts';

const rules = (facts: SchoolFacts) => needsOf(facts, settings).map((n) => `${n.rule}:${n.kind}`);
const head = schoolWith().headship.head as NonNullable<SchoolFacts['headship']['head']>;
const acting = {
  ...head,
  person_code: 'A1',
  name: 'Ama Acting',
  role: 'acting_headteacher',
  since: '2026-09-01',
};
const red = (indicator: string) => ({ indicator, name: indicator, value: 85, period: '2026-10' });
const declining = (indicator: string) => ({
  indicator,
  name: indicator,
  value: null,
  period: '2026-10',
  drop: 3,
});
const va = { stage: 'KS2', academic_year: '2025-26', effect: -2, lower: -3, upper: -1 };

describe('need rules', () => {
  test('a good school with a settled head needs nothing', () => {
    expect(rules(schoolWith())).toEqual([]);
  });

  test('headship vacant -> cover; covered by an acting head alone is not a need', () => {
    expect(rules(schoolWith({ headship: { status: 'vacant', head: null, cover: [] } }))).toEqual([
      'headship_vacant:headship_cover',
    ]);
    expect(rules(schoolWith({ headship: { status: 'covered', head: null, cover: [acting] } }))).toEqual([]);
  });

  test('the head absent (an acting head beside the substantive one) -> cover, naming both', () => {
    const [need] = needsOf(schoolWith({ headship: { status: 'filled', head, cover: [acting] } }), settings);
    expect(need?.rule).toBe('head_absent');
    expect(need?.evidence).toBe(
      'Hana Head is absent: Ama Acting has been acting headteacher since 2026-09-01',
    );
    expect(need?.days).toBe(settings.days.headship_cover);
  });

  test('first year of headship -> mentor; a second-year head -> none', () => {
    const newHead = {
      ...head,
      since: '2026-01-05',
      tenure_years: 0.9,
      headship_years: 0.9,
      first_year_of_headship: true,
    };
    expect(rules(schoolWith({ headship: { status: 'filled', head: newHead, cover: [] } }))).toEqual([
      'first_year_head:mentor',
    ]);
    const second = { ...newHead, tenure_years: 1.1, headship_years: 1.1, first_year_of_headship: false };
    expect(rules(schoolWith({ headship: { status: 'filled', head: second, cover: [] } }))).toEqual([]);
  });

  test('inspected requires improvement or in a category -> NLE; judged good -> none', () => {
    const ri = {
      inspected_on: '2025-03-01',
      overall: 'requires_improvement' as const,
      leadership: 'good' as const,
      category: null,
    };
    expect(rules(schoolWith({ inspections: [ri] }))).toEqual(['inspection_category:nle']);
    const sm = { ...ri, overall: 'inadequate' as const, category: 'special_measures' as const };
    expect(needsOf(schoolWith({ inspections: [sm] }), settings)[0]?.evidence).toBe(
      'Inspected inadequate on 2025-03-01 (special measures)',
    );
    // A requires-improvement judgement replaced by a later good one is not a need.
    expect(
      rules(schoolWith({ inspections: [{ ...ri, overall: 'good', inspected_on: '2026-03-01' }, ri] })),
    ).toEqual([]);
  });

  test('emerging from a category (the inspection before the latest in one) -> NLE; out two running -> none', () => {
    const inspected = (on: string, overall: string, category: string | null = null) => ({
      inspected_on: on,
      overall: overall as 'good',
      leadership: overall as 'good',
      category: category as null,
    });
    const emerging = schoolWith({
      inspections: [
        inspected('2025-06-01', 'good'),
        inspected('2023-05-01', 'inadequate', 'special_measures'),
      ],
    });
    expect(rules(emerging)).toEqual(['emerging_from_category:nle']);
    expect(needsOf(emerging, settings)[0]?.evidence).toBe(
      'Emerging from an inspection category: inspected inadequate on 2023-05-01 (special measures), then good on 2025-06-01',
    );
    const secure = schoolWith({
      inspections: [
        inspected('2025-06-01', 'good'),
        inspected('2023-05-01', 'good'),
        inspected('2021-05-01', 'inadequate', 'special_measures'),
      ],
    });
    expect(rules(secure)).toEqual([]);
  });

  test('at risk: two indicators declining, or one with value added below -> NLE; one alone -> none', () => {
    expect(
      rules(schoolWith({ declining: [declining('attendance_rate'), declining('lesson_completion_rate')] })),
    ).toEqual(['at_risk:nle']);
    expect(rules(schoolWith({ declining: [declining('attendance_rate')], vaBelow: [va] }))).toEqual([
      'at_risk:nle',
      'va_below:practice',
    ]);
    expect(rules(schoolWith({ declining: [declining('attendance_rate')] }))).toEqual([]);
  });

  test('a new head in challenging circumstances -> LLE; the same head after two years -> none', () => {
    const newish = { ...head, since: '2025-09-01', tenure_years: 1.2, headship_years: 4 };
    const facts = {
      headship: { status: 'filled' as const, head: newish, cover: [] },
      red: [red('attendance_rate'), red('expected_standard_rate')],
    };
    expect(rules(schoolWith(facts))).toEqual([
      'new_head_challenging:lle',
      'red_indicator:practice',
      'red_indicator:practice',
    ]);
    const settled = { ...newish, tenure_years: 2.1 };
    expect(
      rules(schoolWith({ ...facts, headship: { status: 'filled', head: settled, cover: [] } })),
    ).not.toContain('new_head_challenging:lle');
  });

  test('leadership satisfactory or requiring improvement twice running -> LLE; once -> none', () => {
    const weak = {
      inspected_on: '2025-03-01',
      overall: 'good' as const,
      leadership: 'requires_improvement' as const,
      category: null,
    };
    const before = { ...weak, inspected_on: '2022-03-01', leadership: 'satisfactory' as const };
    expect(rules(schoolWith({ inspections: [weak, before] }))).toEqual(['leadership_weak_twice:lle']);
    expect(rules(schoolWith({ inspections: [weak, { ...before, leadership: 'good' }] }))).toEqual([]);
  });

  test('a new head in a school whose leadership was weak twice gets one LLE need, with both reasons', () => {
    const newish = { ...head, since: '2025-09-01', tenure_years: 1.2, headship_years: 4 };
    const weak = {
      inspected_on: '2025-03-01',
      overall: 'requires_improvement' as const,
      leadership: 'requires_improvement' as const,
      category: null,
    };
    const before = { ...weak, inspected_on: '2022-03-01', leadership: 'satisfactory' as const };
    const found = needsOf(
      schoolWith({ headship: { status: 'filled', head: newish, cover: [] }, inspections: [weak, before] }),
      settings,
    );
    expect(found.filter((n) => n.kind === 'lle').map((n) => n.evidence)).toEqual([
      'Hana Head has led the school since 2025-09-01 (1.2 years) in challenging circumstances: inspected requires improvement on 2025-03-01; also leadership judged satisfactory on 2022-03-01 and requires improvement on 2025-03-01',
    ]);
  });

  test('a red indicator -> practice sharing in it; value added significantly below -> practice in value added', () => {
    const found = needsOf(schoolWith({ red: [red('attendance_rate')], vaBelow: [va] }), settings);
    expect(found.map((n) => [n.rule, n.indicator])).toEqual([
      ['red_indicator', 'attendance_rate'],
      ['va_below', 'value_added_ks2'],
    ]);
    expect(found[1]?.evidence).toBe(
      'Value added significantly below in KS2 2025-26: -2.00 (95% interval -3.00 to -1.00)',
    );
    // Amber is not red, and value added in line is not below.
    expect(rules(schoolWith({ green: [red('attendance_rate')] }))).toEqual([]);
  });

  test('red indicators of one practice area are one need; one of no practice area raises none', () => {
    const found = needsOf(
      schoolWith({
        red: [
          red('attendance_rate'),
          red('absence_rate'),
          red('pupil_teacher_ratio'),
          red('girls_attendance_rate'),
          red('lesson_completion_rate'),
        ],
      }),
      settings,
    ).filter((n) => n.kind === 'practice');
    // Attendance, absence and girls' attendance: one attendance need; lesson completion: teaching;
    // pupils per teacher: no school's practice meets it.
    expect(found.map((n) => n.indicator)).toEqual(['attendance_rate', 'lesson_completion_rate']);
    expect(found[0]?.evidence).toBe(
      'attendance_rate red in 2026-10 (85.0); also red: absence_rate (85.0), girls_attendance_rate (85.0)',
    );
    expect(found[0]?.figures).toMatchObject({ also: ['absence_rate', 'girls_attendance_rate'] });
  });

  test('a deputy with the NPQH and no internship -> an internship; one who asked -> a placement', () => {
    const deputy = {
      person_code: 'D1',
      name: 'Dee Deputy',
      role: 'deputy_headteacher' as const,
      npqh: true,
      internship: false,
      placement_requested: false,
      placement: false,
    };
    const assistant = {
      ...deputy,
      person_code: 'A2',
      name: 'Asa Assistant',
      role: 'assistant_headteacher' as const,
      npqh: false,
      placement_requested: true,
    };
    const found = needsOf(schoolWith({ seniors: [deputy, assistant] }), settings);
    expect(found.map((n) => [n.rule, n.kind, n.figures.person, n.days])).toEqual([
      ['npqh_candidate', 'npqh_internship', 'D1', settings.days.npqh_internship],
      ['placement_requested', 'leadership_placement', 'A2', settings.days.leadership_placement],
    ]);
    expect(found[0]?.evidence).toBe('Dee Deputy, deputy head, holds the NPQH and has no internship recorded');
    expect(found[1]?.evidence).toBe(
      'Asa Assistant, assistant head, has asked for an associate head placement and has had none',
    );
    // Recorded (or never asked for), nothing.
    expect(
      rules(
        schoolWith({
          seniors: [
            { ...deputy, internship: true },
            { ...assistant, placement: true },
          ],
        }),
      ),
    ).toEqual([]);
    expect(rules(schoolWith({ seniors: [{ ...deputy, npqh: false }] }))).toEqual([]);
  });
});

describe('the stage decides which improvement needs are raised (src/stages/)', () => {
  const stage = (code: string, raises: string[], last_peer_review: string | null = null) => ({
    code,
    name: code[0]?.toUpperCase() + code.slice(1),
    raises,
    reasons: ['Judged good on 2025-05-01'],
    may_offer_practice: true,
    last_peer_review,
  });
  const weak = { red: [red('attendance_rate')], vaBelow: [va] };

  test('a stage raising every improvement rule keeps them; headship needs are raised whatever the stage', () => {
    const all = ['red_indicator', 'va_below', 'at_risk', 'inspection_category'];
    expect(rules(schoolWith({ ...weak, stage: stage('improving', all) }))).toEqual(rules(schoolWith(weak)));
    expect(
      rules(
        schoolWith({ headship: { status: 'vacant', head: null, cover: [] }, stage: stage('sustaining', []) }),
      ),
    ).toEqual(['headship_vacant:headship_cover']);
  });

  test('sustaining raises none but its yearly peer review', () => {
    const sustaining = schoolWith({ ...weak, stage: stage('sustaining', ['peer_review']) });
    const found = needsOf(sustaining, settings, '2026-11-01');
    expect(found.map((n) => `${n.rule}:${n.kind}`)).toEqual(['peer_review:professional_partner']);
    expect(found[0]?.evidence).toBe(
      'Sustaining: a peer review each year keeps it there (none met yet); Judged good on 2025-05-01',
    );
    // Met within the year: not raised again; a year on, raised again.
    const reviewed = (on: string) => schoolWith({ stage: stage('sustaining', ['peer_review'], on) });
    expect(needsOf(reviewed('2026-02-01'), settings, '2026-11-01')).toEqual([]);
    expect(needsOf(reviewed('2025-10-01'), settings, '2026-11-01').map((n) => n.rule)).toEqual([
      'peer_review',
    ]);
  });

  test('secure raises practice needs but not the peer review', () => {
    expect(rules(schoolWith({ ...weak, stage: stage('secure', ['red_indicator', 'va_below']) }))).toEqual([
      'red_indicator:practice',
      'va_below:practice',
    ]);
  });
});
