// A meeting read by someone who takes part in it but does not lead its unit (an area lead at the
// authority's meeting) names schools only inside the reader's own scope, exactly as figures do: items
// about challenges or areas they may not see are left out, and any other school's name in the text
// (agenda notes, minutes, decisions, action titles) reads "another school".
import { sql } from 'kysely';
import { type Actor, canSee } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { unitsBeneath } from '../registry/sql.ts';
import { challengeVisibleTo } from './access.ts';

const ANOTHER_SCHOOL = 'another school';

/** Replaces the names of the schools beneath `unit` that the actor may not see. */
export async function schoolNameRedactor(
  { db, actor }: Context,
  unit: string,
): Promise<(text: string) => string> {
  if (actor.scope.all) return (text) => text;
  const { rows } = await sql<{ code: string; name: string }>`
    with recursive ${unitsBeneath('beneath', sql`code = ${unit}`)}
    select o.code, o.name from org_unit o join beneath b on b.id = o.id where o.level = 'school'`.execute(db);
  const hidden = new Set(rows.filter((s) => !canSee(actor, s.code)).map((s) => s.name));
  if (hidden.size === 0) return (text) => text;
  // Every name, longest first, so a visible "Oak Primary School Annexe" is matched whole (and kept)
  // before a hidden "Oak Primary School" inside it could be replaced.
  const escaped = [...new Set(rows.map((s) => s.name))]
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return (text) => text.replace(pattern, (name) => (hidden.has(name) ? ANOTHER_SCHOOL : name));
}

/** Every string inside a JSON value, redacted. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  return value;
}

/** Of these challenges, the ones the actor may see. */
export async function visibleChallengeIds({ db, actor }: Context, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ id: number }>`
    select c.id from challenge c where c.id = any(${ids}::int[]) and ${challengeVisibleTo(actor)}`.execute(
    db,
  );
  return new Set(rows.map((r) => r.id));
}

type Ref = Record<string, unknown>;

/** An agenda item's references the actor may see: challenges they may see, areas they lead, the rest. */
export function refsVisibleTo(actor: Actor, refs: unknown, challenges: ReadonlySet<number>): unknown[] {
  if (!Array.isArray(refs)) return [];
  return (refs as Ref[]).filter((ref) => {
    if (typeof ref?.challenge === 'number') return challenges.has(ref.challenge);
    if (typeof ref?.area === 'string') return canSee(actor, ref.area);
    return true;
  });
}

/** The challenge ids an agenda's references name. */
export function referencedChallenges(items: { refs: unknown }[]): number[] {
  return items.flatMap((item) =>
    Array.isArray(item.refs)
      ? (item.refs as Ref[]).map((r) => r?.challenge).filter((id): id is number => typeof id === 'number')
      : [],
  );
}
