// "Remind those who have not updated": the cycle page's button. Each lead with a request not yet met is
// emailed (or, without SMTP, written to the outbox) through the same path as the daily reminders, so one
// already reminded today is not reminded twice; the run is audited with whom it reached.
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { mailerFor } from '../meetings/outbox.ts';
import { sendCycleReminders } from '../meetings/reminders.ts';
import { requireStrategy, requireStrategyEditor } from './access.ts';
import type { ReminderRunResult } from './cycle-contract.ts';

export async function remindCycle(context: Context, code: string, term: string): Promise<ReminderRunResult> {
  const facts = await requireStrategy(context, code);
  requireStrategyEditor(context.actor, facts);
  const cycle = await context.db
    .selectFrom('strategy_cycle')
    .select(['id', 'closed_on'])
    .where('strategy_id', '=', facts.id)
    .where('term', '=', term)
    .executeTakeFirst();
  if (!cycle) throw notFound(`A ${term} cycle of strategy ${facts.code}`);
  if (cycle.closed_on)
    throw new HeadwayError('conflict', `the ${term} cycle is closed: there is no one to remind`);
  const mailer = mailerFor(context);
  try {
    const run = await sendCycleReminders(context, cycle.id, mailer.send, {
      publicUrl: context.settings.publicUrl,
    });
    await recordAudit(context.db, context.actor, 'remind_cycle', 'strategy', {
      id: facts.id,
      term,
      people: run.people,
      items: run.items,
      channel: mailer.channel,
    });
    return { ...run, channel: mailer.channel };
  } finally {
    mailer.close();
  }
}
