// Each person's development log: the norming sessions they rated in with their agreement over time,
// the coaching they received and the retreat's agenda and notes. A person reads and writes their own;
// the director reads and writes everyone's. Anyone else is told it does not exist (404).
import { sql } from 'kysely';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { personByCode } from '../meetings/lookups.ts';
import { personName } from '../registry/sql.ts';
import { runsAll } from './access.ts';
import { type DevelopmentLog, LogEntryInput, type LogEntryInput as LogEntryShape } from './contract.ts';
import { raterHistories } from './drift.ts';

async function ownerOf(context: Context, code: string) {
  const person = await personByCode(context.db, code).catch(() => null);
  if (!person || !(runsAll(context.actor) || context.actor.personId === person.id))
    throw notFound(`The development log of ${code}`);
  return person;
}

export async function developmentLog(context: Context, code: string): Promise<DevelopmentLog> {
  const person = await ownerOf(context, code);
  const entries = await context.db
    .selectFrom('development_log_entry as e')
    .leftJoin('person as w', 'w.id', 'e.written_by')
    .select([
      'e.id',
      sql<string>`to_char(e.written_on, 'YYYY-MM-DD')`.as('written_on'),
      'e.kind',
      'e.title',
      'e.body',
      sql<string | null>`case when w.id is null then null else ${personName('w')} end`.as('written_by'),
    ])
    .where('e.person_id', '=', person.id)
    .orderBy('e.written_on', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
  const [history] = await raterHistories(context, person.id);
  return { person: { code: person.code, name: person.name }, history: history ?? null, entries };
}

export async function addLogEntry(context: Context, raw: LogEntryShape): Promise<{ id: number }> {
  const input = LogEntryInput.parse(raw);
  const person = await ownerOf(context, input.person);
  return context.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('development_log_entry')
      .values({
        person_id: person.id,
        written_by: context.actor.personId,
        written_on: input.written_on,
        kind: input.kind,
        title: input.title,
        body: input.body,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, context.actor, 'create', 'development_log_entry', { id, person: person.code });
    return { id };
  });
}
