// What the web app is told about the signed-in caller: the account, the registry person it belongs to,
// roles and permissions, the CSRF token for changes, the installation's words and its latest month.
import type { Context } from '../context.ts';
import { latestMonth } from '../kpi/queries.ts';
import { personById } from '../registry/lookups.ts';
import { getTerms } from '../settings/terminology.ts';
import type { Session } from './contract.ts';

export async function sessionInfo({ db, actor }: Context, csrfToken: string): Promise<Session> {
  const user = await db
    .selectFrom('app_user')
    .select(['email', 'name'])
    .where('id', '=', actor.userId ?? -1)
    .executeTakeFirst();
  const person = actor.personId === null ? undefined : await personById(db, actor.personId);
  return {
    user: user ?? { email: actor.name, name: actor.name },
    person: person ?? null,
    roles: [...actor.grants],
    permissions: [...actor.permissions].sort(),
    whole_authority: actor.scope.all,
    csrf_token: csrfToken,
    terms: await getTerms(db),
    latest_month: await latestMonth(db),
  };
}
