// Derives a school's headship on a date from posts: who leads it, since when, how long they have been a
// head anywhere (a first-year head needs a mentor), or that the post is vacant and who covers it.
import type { HeadOnDate, Headship } from './contract.ts';
import { coverHeadRoles, substantiveHeadRoles } from './schema.ts';

export interface HeadPost {
  person_code: string;
  given_name: string;
  family_name: string;
  school_code: string;
  role: string;
  starts_on: string;
  ends_on: string | null;
}

const DAY = 86_400_000;
const YEAR_DAYS = 365.25;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

function activeOn(post: HeadPost, asOf: string): boolean {
  return post.starts_on <= asOf && (post.ends_on === null || post.ends_on >= asOf);
}

const isSubstantive = (role: string) => (substantiveHeadRoles as readonly string[]).includes(role);
const isCover = (role: string) => (coverHeadRoles as readonly string[]).includes(role);

/** Days covered by a set of intervals up to `asOf`, counting overlaps once. */
function daysCovered(posts: HeadPost[], asOf: string): number {
  const end = dayNumber(asOf) + 1;
  const spans = posts
    .filter((p) => p.starts_on <= asOf)
    .map((p) => [dayNumber(p.starts_on), Math.min(p.ends_on ? dayNumber(p.ends_on) + 1 : end, end)] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    const start = Math.max(from, reach);
    if (to > start) total += to - start;
    reach = Math.max(reach, to);
  }
  return total;
}

/** Walks back through posts of the same person and kind at the same school that follow on without a gap. */
function unbrokenSince(current: HeadPost, samePosts: HeadPost[]): string {
  let since = current.starts_on;
  const earlier = samePosts
    .filter((p) => p.starts_on < current.starts_on)
    .sort((a, b) => b.starts_on.localeCompare(a.starts_on));
  for (const post of earlier) {
    if (post.ends_on === null || dayNumber(post.ends_on) + 1 >= dayNumber(since))
      since = post.starts_on; // sorted latest first, so each step reaches further back
    else break;
  }
  return since;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function describe(
  post: HeadPost,
  schoolPosts: HeadPost[],
  careerPosts: HeadPost[],
  asOf: string,
): HeadOnDate {
  const substantive = isSubstantive(post.role);
  const samePosts = schoolPosts.filter(
    (p) => p.person_code === post.person_code && isSubstantive(p.role) === substantive,
  );
  const since = unbrokenSince(post, samePosts);
  const headshipDays = daysCovered(
    careerPosts.filter((p) => p.person_code === post.person_code && isSubstantive(p.role)),
    asOf,
  );
  return {
    person_code: post.person_code,
    name: `${post.given_name} ${post.family_name}`,
    role: post.role,
    since,
    tenure_years: round1((dayNumber(asOf) + 1 - dayNumber(since)) / YEAR_DAYS),
    headship_years: round1(headshipDays / YEAR_DAYS),
    first_year_of_headship: substantive && headshipDays < YEAR_DAYS,
  };
}

/**
 * @param schoolPosts every head post ever held at this school
 * @param careerPosts every head post held anywhere by the people in schoolPosts
 */
export function headshipOf(schoolPosts: HeadPost[], careerPosts: HeadPost[], asOf: string): Headship {
  const active = schoolPosts
    .filter((p) => activeOn(p, asOf))
    .sort((a, b) => a.starts_on.localeCompare(b.starts_on) || a.person_code.localeCompare(b.person_code));
  const substantive = active.find((p) => isSubstantive(p.role));
  const cover = active.filter((p) => isCover(p.role)).map((p) => describe(p, schoolPosts, careerPosts, asOf));
  if (substantive)
    return { status: 'filled', head: describe(substantive, schoolPosts, careerPosts, asOf), cover };
  return { status: cover.length > 0 ? 'covered' : 'vacant', head: null, cover };
}
