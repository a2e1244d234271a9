import { describe, expect, test } from 'vitest';
import { type HeadPost, headshipOf } from './headship.ts';

const post = (
  person: string,
  school: string,
  role: string,
  starts_on: string,
  ends_on: string | null = null,
): HeadPost => ({
  person_code: person,
  given_name: person,
  family_name: 'Head',
  school_code: school,
  role,
  starts_on,
  ends_on,
});

// Tenure in years as the code reports it: days inclusive of both ends / 365.25, to one decimal.
const years = (from: string, to: string) =>
  Math.round((((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1) / 365.25) * 10) / 10;

describe('headship on a date', () => {
  test('a substantive head: since the start of the post, with tenure and years of headship', () => {
    const posts = [post('P1', 'S1', 'headteacher', '2019-09-01')];
    const h = headshipOf(posts, posts, '2026-11-23');
    expect(h.status).toBe('filled');
    expect(h.head).toMatchObject({
      person_code: 'P1',
      since: '2019-09-01',
      tenure_years: years('2019-09-01', '2026-11-23'),
      first_year_of_headship: false,
    });
    expect(h.head?.tenure_years).toBe(7.2);
  });

  test('a head who led another school before has more years of headship than tenure here', () => {
    const here = post('P1', 'S2', 'headteacher', '2025-01-01');
    const before = post('P1', 'S1', 'headteacher', '2015-01-01', '2024-12-31');
    const h = headshipOf([here], [before, here], '2026-01-01');
    expect(h.head?.tenure_years).toBe(1);
    expect(h.head?.headship_years).toBe(11);
    expect(h.head?.first_year_of_headship).toBe(false);
  });

  test('a new head is in the first year of headship until a year has passed', () => {
    const posts = [post('P1', 'S1', 'headteacher', '2026-09-01')];
    expect(headshipOf(posts, posts, '2027-08-30').head?.first_year_of_headship).toBe(true);
    expect(headshipOf(posts, posts, '2027-09-01').head?.first_year_of_headship).toBe(false);
  });

  test('acting headship does not count as headship experience, and covers a vacancy', () => {
    const posts = [
      post('P1', 'S1', 'headteacher', '2010-09-01', '2026-08-31'),
      post('P2', 'S1', 'acting_headteacher', '2026-09-01'),
    ];
    const h = headshipOf(posts, posts, '2026-11-23');
    expect(h.status).toBe('covered');
    expect(h.head).toBeNull();
    expect(h.cover).toHaveLength(1);
    expect(h.cover[0]).toMatchObject({
      person_code: 'P2',
      role: 'acting_headteacher',
      headship_years: 0,
      first_year_of_headship: false,
    });
  });

  test('nobody in post is a vacancy; a post that ended the day before does not count', () => {
    const posts = [post('P1', 'S1', 'headteacher', '2010-09-01', '2026-11-22')];
    expect(headshipOf(posts, posts, '2026-11-22').status).toBe('filled');
    expect(headshipOf(posts, posts, '2026-11-23')).toEqual({ status: 'vacant', head: null, cover: [] });
  });

  test('back-to-back posts of the same head at the same school are one unbroken tenure; a gap starts a new one', () => {
    const unbroken = [
      post('P1', 'S1', 'headteacher', '2012-09-01', '2018-08-31'),
      post('P1', 'S1', 'headteacher', '2018-09-01'),
    ];
    expect(headshipOf(unbroken, unbroken, '2026-09-01').head?.since).toBe('2012-09-01');
    const broken = [
      post('P1', 'S1', 'headteacher', '2012-09-01', '2018-06-30'),
      post('P1', 'S1', 'headteacher', '2018-09-01'),
    ];
    const h = headshipOf(broken, broken, '2026-09-01');
    expect(h.head?.since).toBe('2018-09-01');
    // Years of headship count both posts but not the summer between them.
    expect(h.head?.headship_years).toBe(years('2012-09-01', '2026-09-01') - 0.2);
  });

  test('a substantive head alongside an interim: the school is filled, the interim is listed as cover', () => {
    const posts = [
      post('P1', 'S1', 'executive_headteacher', '2020-01-01'),
      post('P2', 'S1', 'interim_headteacher', '2026-10-01', '2027-03-31'),
    ];
    const h = headshipOf(posts, posts, '2026-11-23');
    expect(h.status).toBe('filled');
    expect(h.head?.role).toBe('executive_headteacher');
    expect(h.cover.map((c) => c.person_code)).toEqual(['P2']);
  });
});
