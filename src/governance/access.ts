// Who may do what with a board. A board is seen (governance:read) by those who see any of its schools;
// changed — members, skills, training, panels (governance:write: the director, an area lead, the head) —
// by those who see all of them, so the head of one school of a federation reads its board but the
// federation's board is recorded by the area or the director; set up and given a succession plan
// (governance:manage: the director and area leads) likewise. Governors' email and phone go only to
// those who may change the board.
import { canSee, type Permission, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';

export interface BoardRef {
  id: number;
  code: string;
  name: string;
  schools: string[];
}

/** The board by code, visible to the caller (any of its schools in scope), or not found. */
export async function requireBoard(context: Context, code: string): Promise<BoardRef> {
  requirePermission(context.actor, 'governance:read');
  const board = await context.db
    .selectFrom('governing_board as b')
    .select(['b.id', 'b.code', 'b.name'])
    .where('b.code', '=', code)
    .executeTakeFirst();
  if (!board) throw notFound(`Board ${code}`);
  const schools = (
    await context.db
      .selectFrom('governing_board_school as s')
      .innerJoin('org_unit as o', 'o.id', 's.school_unit_id')
      .select('o.code')
      .where('s.board_id', '=', board.id)
      .execute()
  ).map((s) => s.code);
  if (!schools.some((s) => canSee(context.actor, s))) throw notFound(`Board ${code}`);
  return { ...board, schools };
}

/** May the caller use this permission on the board: held, and every one of its schools in scope? */
export function mayOnBoard(context: Context, board: BoardRef, permission: Permission): boolean {
  return context.actor.permissions.has(permission) && board.schools.every((s) => canSee(context.actor, s));
}

/** Refuses unless the caller may use the permission on the board (403 naming the schools out of scope). */
export function requireOnBoard(context: Context, board: BoardRef, permission: Permission): void {
  requirePermission(context.actor, permission);
  const outside = board.schools.filter((s) => !canSee(context.actor, s));
  if (outside.length)
    throw new HeadwayError(
      'forbidden',
      `Board ${board.code} also governs ${outside.join(', ')}, outside your scope: it is recorded by those who see all its schools`,
    );
}

/** The member's board (checked as requireBoard), or not found. */
export async function requireMemberBoard(context: Context, id: number): Promise<BoardRef> {
  requirePermission(context.actor, 'governance:read');
  const member = await context.db
    .selectFrom('governor as g')
    .innerJoin('governing_board as b', 'b.id', 'g.board_id')
    .select('b.code')
    .where('g.id', '=', id)
    .executeTakeFirst();
  if (!member) throw notFound(`Governor ${id}`);
  try {
    return await requireBoard(context, member.code);
  } catch {
    throw notFound(`Governor ${id}`);
  }
}
