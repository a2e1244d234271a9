// Each role's eligibility as the catalogue defines it, on hand-made leaders and needs: an NLE leads an
// outstanding school, an LLE's own school's leadership is good or outstanding, an interim head covers one
// vacancy (each role with its own limit), an executive head goes where no one can act as head, a professional partner needs the recorded accreditation,
// an advisory head is employed by the authority; each refusal in a broker's words.
import { describe, expect, test } from 'vitest';
import type { NeedKind } from './contract.ts';
import type { OpenNeed } from './eligibility.ts';
import { ineligibility, roleForNeed } from './eligibility.ts';
import type { Leader } from './leaders.ts';
import type { LeaderRole } from './role-contract.ts';
import type { InspectionFact, SchoolFacts } from './school-facts.ts';
import { defaultBrokeringSettings as settings } from './settings.ts';
import { leaderWith, schoolWith, shippedRoles } from './test-facts.ts';

const need = (kind: NeedKind, days = 10): OpenNeed => ({
  id: 1,
  kind,
  indicator: null,
  days,
  evidence: 'By hand',
  school: schoolWith({ code: 'S9', name: 'Needy School' }),
  rejected: new Set(),
});

const judged = (overall: string, leadership: string | null = overall): InspectionFact => ({
  inspected_on: '2025-03-01',
  overall: overall as InspectionFact['overall'],
  leadership: leadership as InspectionFact['leadership'],
  category: null,
});

/** A leader holding one role, heading a school judged as given (or no school). */
function holding(role: LeaderRole, own: InspectionFact | 'no school', more: Partial<Leader> = {}): Leader {
  const base = leaderWith();
  return leaderWith({
    designations: [role.code as Leader['designations'][number]],
    roles: role.meets,
    held: [role],
    funded: 200,
    school:
      own === 'no school' ? null : { ...(base.school as Leader['school'] & object), inspections: [own] },
    ...more,
  });
}

describe('the roles as the catalogue defines them', () => {
  test("an NLE leads an outstanding school: a good school's head is not one", () => {
    expect(ineligibility(holding(shippedRoles.nle, judged('outstanding')), need('nle'), settings)).toEqual(
      [],
    );
    expect(ineligibility(holding(shippedRoles.nle, judged('good')), need('nle'), settings)).toEqual([
      'leads a school judged good (an NLE leads a school judged outstanding)',
    ]);
    expect(ineligibility(holding(shippedRoles.nle, 'no school'), need('nle'), settings)).toEqual([
      'not a serving head (an NLE is one)',
    ]);
  });

  test("an LLE is a serving head whose own school's leadership is good or outstanding", () => {
    const lle = shippedRoles.lle;
    expect(
      ineligibility(holding(lle, judged('requires_improvement', 'good')), need('lle'), settings),
    ).toEqual([]);
    for (const [overall, leadership] of [
      ['inadequate', 'inadequate'],
      ['good', 'requires_improvement'],
    ])
      expect(
        ineligibility(holding(lle, judged(overall as string, leadership)), need('lle'), settings),
      ).toEqual([
        `leads a school whose leadership is judged ${leadership?.replace('_', ' ')} (an LLE leads a school whose leadership is judged good or outstanding)`,
      ]);
    // With no leadership judgement recorded, the overall one is read.
    expect(ineligibility(holding(lle, judged('inadequate', null)), need('lle'), settings)).toHaveLength(1);
    expect(ineligibility(holding(lle, 'no school'), need('lle'), settings)).toEqual([
      'not a serving head (an LLE is one)',
    ]);
    // An LLE is not an NLE: the catalogue says which needs each role meets.
    expect(ineligibility(holding(lle, judged('outstanding')), need('nle'), settings)).toEqual([
      'not designated for NLE support',
    ]);
  });

  test('an interim head covers one vacancy at a time', () => {
    const interim = holding(shippedRoles.interim_head, 'no school');
    expect(interim.held[0]?.max_schools).toBe(1);
    expect(ineligibility(interim, need('headship_cover', 40), settings)).toEqual([]);
    const covering = {
      ...interim,
      schools: ['X1'],
      supporting: [{ school: 'X1', kind: 'headship_cover' as const }],
    };
    expect(ineligibility(covering, need('headship_cover', 40), settings)).toEqual([
      'already supports 1 school as an interim headteacher (an interim headteacher takes 1 at a time)',
    ]);
  });

  test('an executive head goes only where there is no head and no capacity to appoint an acting head', () => {
    const executive = holding(shippedRoles.executive_head, judged('good'));
    const vacant = (seniors: SchoolFacts['seniors'] = [], federation: string | null = null): OpenNeed => ({
      ...need('headship_cover', 40),
      school: schoolWith({
        code: 'S9',
        name: 'Needy School',
        federation,
        seniors,
        headship: { status: 'vacant', head: null, cover: [] },
      }),
    });
    const where =
      'an executive headteacher goes to a school with no head and no capacity to appoint an acting head, or within their own federation';
    // No head, no deputy, no assistant head: the school cannot lead itself.
    expect(ineligibility(executive, vacant(), settings)).toEqual([]);
    const deputy = {
      person_code: 'D1',
      name: 'Dee Deputy',
      role: 'deputy_headteacher' as const,
      npqh: false,
      internship: false,
      placement_requested: false,
      placement: false,
    };
    expect(ineligibility(executive, vacant([deputy]), settings)).toEqual([
      `the school has capacity to appoint an acting head: Dee Deputy is deputy head there (${where})`,
    ]);
    expect(
      ineligibility(executive, vacant([{ ...deputy, role: 'assistant_headteacher' }]), settings),
    ).toEqual([
      `the school has capacity to appoint an acting head: Dee Deputy is assistant head there (${where})`,
    ]);
    // A head who is absent is still the school's head: cover is an acting or interim head's.
    expect(ineligibility(executive, need('headship_cover', 40), settings)).toEqual([
      `the school has a head, Hana Head, who is absent (${where})`,
    ]);
    // Within the federation they head, an executive head may lead a school whatever its capacity.
    const federated = {
      ...executive,
      school: { ...(executive.school as SchoolFacts), federation: 'FED1' },
    };
    expect(ineligibility(federated, vacant([deputy], 'FED1'), settings)).toEqual([]);
    expect(ineligibility(federated, vacant([deputy], 'FED2'), settings)).toHaveLength(1);
    expect(ineligibility(holding(shippedRoles.executive_head, 'no school'), vacant(), settings)).toEqual([
      'not a serving head (an executive headteacher is one)',
    ]);
  });

  test('a professional partner without the recorded accreditation is refused', () => {
    const partner = holding(shippedRoles.professional_partner, 'no school');
    expect(ineligibility(partner, need('professional_partner', 6), settings)).toEqual([
      'no record of the 2-day professional partner accreditation (a professional partner needs it)',
    ]);
    expect(
      ineligibility(
        { ...partner, accredited: ['professional_partner'] },
        need('professional_partner'),
        settings,
      ),
    ).toEqual([]);
  });

  test('an advisory head is employed by the authority, and may coach', () => {
    const advisory = holding(shippedRoles.advisory_head, 'no school');
    expect(ineligibility(advisory, need('headship_cover', 40), settings)).toEqual([]);
    expect(ineligibility(advisory, need('professional_partner', 6), settings)).toEqual([]);
    const inTrust = holding(shippedRoles.advisory_head, judged('good'), {
      school: { ...(leaderWith().school as Leader['school'] & object), trust: 'TR9' },
    });
    expect(ineligibility(inTrust, need('headship_cover', 40), settings)).toEqual([
      'employed by TR9, not the authority (an advisory headteacher is employed by the authority)',
    ]);
  });

  test('each role has its own limit: an interim head covering a vacancy may still coach as an advisory head', () => {
    const both = leaderWith({
      designations: ['interim_head', 'advisory_head'],
      roles: ['headship_cover', 'professional_partner'],
      held: [shippedRoles.interim_head, shippedRoles.advisory_head],
      school: null,
      funded: 400,
    });
    expect(ineligibility(both, need('headship_cover', 40), settings)).toEqual([]);
    const covering = {
      ...both,
      schools: ['X1'],
      supporting: [{ school: 'X1', kind: 'headship_cover' as const }],
    };
    expect(ineligibility(covering, need('professional_partner', 6), settings)).toEqual([]);
    // A second vacancy: the advisory role (3 places) may take it, the interim role has none left.
    expect(roleForNeed(covering, need('headship_cover', 40))).toMatchObject({
      role: { code: 'advisory_head' },
      placesLeft: 2,
    });
  });

  test('a mentor who is also an interim head covering a vacancy may still mentor a first-year head', () => {
    const mentorInterim = holding(shippedRoles.mentor, judged('good'), {
      designations: ['mentor', 'interim_head'],
      roles: ['mentor', 'headship_cover'],
      held: [shippedRoles.mentor, shippedRoles.interim_head],
      schools: ['X1'],
      supporting: [{ school: 'X1', kind: 'headship_cover' }],
    });
    expect(ineligibility(mentorInterim, need('mentor', 6), settings)).toEqual([]);
    expect(ineligibility(mentorInterim, need('headship_cover', 40), settings)).toEqual([
      'already supports 1 school as an interim headteacher (an interim headteacher takes 1 at a time)',
    ]);
    // The authority's limit still binds across all their roles.
    const busy = { ...mentorInterim, schools: ['X1', 'X2', 'X3'] };
    expect(ineligibility(busy, need('mentor', 6), settings)).toContain(
      `already supports 3 schools (the limit is ${settings.max_schools})`,
    );
  });
});
