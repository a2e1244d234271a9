// A need asking for a specialism is met only by a leader whose designation lists it, worked by hand on
// a small pool: the reason names the role, the specialism, the days free and the distance; a specialism
// nobody holds leaves the need unmet with that reason; a specialist's days are counted.
import { describe, expect, test } from 'vitest';
import { fitOf, ineligibility, type OpenNeed } from './eligibility.ts';
import type { Leader } from './leaders.ts';
import { matchNeeds } from './match.ts';
import { defaultBrokeringSettings as settings } from './settings.ts';
import { leaderWith, schoolWith, shippedRoles } from './test-facts.ts';

const earlyReading = { code: 'early_reading', name: 'Early reading and phonics' };
const needy = schoolWith({ code: 'N1', name: 'Needy Primary', latitude: 53.8, longitude: -1.5 });

const need = (id: number, overrides: Partial<OpenNeed> = {}): OpenNeed => ({
  id,
  kind: 'practice',
  indicator: null,
  specialism: earlyReading,
  days: 4,
  evidence: 'Phonics screening red',
  school: needy,
  rejected: new Set(),
  ...overrides,
});

/** A specialist who leads no school: they work at `school`, 0.1° of latitude north of the need (11.1 km). */
function specialist(
  id: number,
  kind: 'sle' | 'outstanding_teacher',
  specialisms: string[],
  more: Partial<Leader> = {},
) {
  return leaderWith({
    id,
    code: `SP${id}`,
    name: `Specialist ${id}`,
    designations: [kind],
    roles: ['practice'],
    held: [shippedRoles[kind]],
    specialisms: { [kind]: specialisms },
    school: null,
    workplace: schoolWith({
      id: 100 + id,
      code: `W${id}`,
      name: `Work ${id}`,
      latitude: 53.9,
      longitude: -1.5,
    }),
    headship_years: 0,
    funded: 20,
    committed: 8,
    ...more,
  });
}

describe('needs asking for a specialism', () => {
  const reader = specialist(1, 'sle', ['early_reading', 'english']);
  const mathematician = specialist(2, 'sle', ['mathematics']);
  // A head who hosts practice sharing holds no designation, so no specialism.
  const host = leaderWith({
    id: 3,
    code: 'H3',
    designations: [],
    roles: ['practice'],
    held: [],
    host: true,
    school: schoolWith({ id: 3, code: 'S3', latitude: 53.81, longitude: -1.5, green: [] }),
  });

  test('only a leader whose designation lists the specialism is eligible, each other refused by name', () => {
    expect(ineligibility(reader, need(1), settings)).toEqual([]);
    expect(ineligibility(mathematician, need(1), settings)).toEqual([
      'no designation listing Early reading and phonics (the need asks for that specialism)',
    ]);
    expect(ineligibility(host, need(1), settings)).toEqual([
      'no designation listing Early reading and phonics (the need asks for that specialism)',
    ]);
    // Without a specialism asked for, the mathematician may share practice as before.
    expect(ineligibility(mathematician, need(1, { specialism: null }), settings)).toEqual([]);
  });

  test('a head whose NLE designation lists SEND meets an NLE need asking for SEND; one whose does not, not', () => {
    const send = { code: 'send', name: 'SEND' };
    const nleNeed = need(5, {
      kind: 'nle',
      specialism: send,
      days: 10,
      school: schoolWith({
        code: 'N5',
        inspections: [
          { inspected_on: '2025-03-01', overall: 'inadequate', leadership: 'inadequate', category: null },
        ],
      }),
    });
    expect(ineligibility(leaderWith({ specialisms: { nle: ['send'] } }), nleNeed, settings)).toEqual([]);
    expect(ineligibility(leaderWith({ specialisms: { sle: ['send'] } }), nleNeed, settings)).toEqual([
      'no designation listing SEND (the need asks for that specialism)',
    ]);
  });

  test('the match proposes the holder with the reason, and a specialism nobody holds is unmet with that reason', async () => {
    const it = { code: 'it_network', name: 'IT network' };
    const result = await matchNeeds(
      [need(1), need(2, { specialism: it })],
      [reader, mathematician, host],
      settings,
    );
    expect(result.pairs.map((p) => [p.need, p.leader])).toEqual([[1, 'SP1']]);
    // 0.1° of latitude is 11.1 km; 20 funded, 8 committed: 12 free.
    expect(result.pairs[0]?.reasons[0]).toBe(
      'Specialist leader of education (SLE): Early reading and phonics, 12 of 20 days free, 11.1 km',
    );
    expect(result.unmet).toEqual([
      {
        need: 2,
        school: 'N1',
        school_name: 'Needy Primary',
        kind: 'practice',
        why: 'No leader in the pool holds the IT network specialism for practice sharing',
      },
    ]);
  });

  test("a specialist's days are counted: with 6 free, two 4-day needs get one of them", async () => {
    const busy = specialist(4, 'outstanding_teacher', ['early_reading'], { committed: 14 });
    const result = await matchNeeds(
      [need(1), need(2, { school: schoolWith({ id: 9, code: 'N2', name: 'Second Primary' }) })],
      [busy],
      settings,
    );
    expect(result.pairs).toHaveLength(1);
    expect(result.pairs[0]?.reasons[0]).toBe(
      'Outstanding teacher: Early reading and phonics, 6 of 20 days free, 11.1 km',
    );
    expect(result.unmet).toHaveLength(1);
    expect(result.unmet[0]?.why).toMatch(/eligible leader has no days or school places left/);
    // And with 2 free, nobody: the refusal names the days.
    const full = specialist(5, 'outstanding_teacher', ['early_reading'], { committed: 18 });
    expect(ineligibility(full, need(1), settings)).toEqual(['2 days left of 20 funded (the need takes 4)']);
  });
  test('a specialist in attendance fits a rule-raised attendance need as a strong school’s head would', () => {
    // The rules name the attendance specialism on a red attendance need; the specialist's own school is
    // strong in nothing, yet holding the specialism is the strength the need wants.
    const attendance = need(7, {
      indicator: 'attendance_rate',
      specialism: { code: 'attendance', name: 'Attendance' },
    });
    const holder = specialist(5, 'sle', ['attendance']);
    const other = specialist(6, 'sle', ['mathematics']);
    expect(ineligibility(holder, attendance, settings)).toEqual([]);
    expect(fitOf(holder, attendance, settings).parts.strength).toBe(1);
    // One who holds another specialism, at a school strong in nothing, is no fit for it.
    expect(ineligibility(other, attendance, settings)).toContain('own school has no strength in attendance');
    expect(fitOf(other, attendance, settings).parts.strength).toBe(0);
  });
});
