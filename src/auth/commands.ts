// The access CLI: headway user add|reset-password|disable|enable|revoke|list, headway token
// create|revoke|list, headway terms. The CLI runs with the database's own credentials, so it acts as
// the installation's operator: this is how a real deployment creates its first admin.
// Each action imports its modules when it runs, so defining the commands stays light (see cli.ts).
import type { Command } from 'commander';
import { parsePositiveInteger, withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import { type Terms, termKeys } from '../settings/terms.ts';
import { roles } from './lists.ts';

/** A password from standard input (one line), for scripts; otherwise Headway makes one up. */
async function passwordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export function registerAccessCommands(program: Command): void {
  const user = program.command('user').description('sign-in accounts and their roles');
  user
    .command('add')
    .description('add an account with a role at an org unit (or give an existing account another role)')
    .requiredOption('--email <email>', 'the sign-in email')
    .requiredOption('--role <role>', roles.join(' | '))
    .requiredOption(
      '--org-unit <code>',
      'where the role is held: the authority, an area, a cluster or a school; or a trust or federation (director, viewer or analyst)',
    )
    .option('--name <name>', 'the name shown in Headway')
    .option('--person <code>', 'the person in the registry this account belongs to')
    .option('--password-stdin', 'read the password from standard input instead of making one up')
    .action(
      async (o: {
        email: string;
        role: string;
        orgUnit: string;
        name?: string;
        person?: string;
        passwordStdin?: boolean;
      }) => {
        const { addUser } = await import('./users.ts');
        const password = o.passwordStdin ? await passwordFromStdin() : undefined;
        const result = await withContext((context) => addUser(context, { ...o, password }));
        if (!result.created) console.log(`${result.email} now also holds ${o.role} at ${o.orgUnit}`);
        else if (result.password && !o.passwordStdin)
          console.log(
            `Added ${result.email} (${o.role} at ${o.orgUnit}). Temporary password: ${result.password}`,
          );
        else console.log(`Added ${result.email} (${o.role} at ${o.orgUnit})`);
      },
    );
  user
    .command('reset-password')
    .description("set a new password, end the account's sessions and lift a lockout")
    .requiredOption('--email <email>', 'the account')
    .option('--password-stdin', 'read the new password from standard input instead of making one up')
    .action(async (o: { email: string; passwordStdin?: boolean }) => {
      const { resetPassword } = await import('./users.ts');
      const given = o.passwordStdin ? await passwordFromStdin() : undefined;
      const password = await withContext((context) => resetPassword(context, o.email, given));
      console.log(given ? `Password changed for ${o.email}` : `New password for ${o.email}: ${password}`);
    });
  user
    .command('revoke')
    .description('take a role away from an account')
    .requiredOption('--email <email>', 'the account')
    .requiredOption('--role <role>', 'the role')
    .requiredOption('--org-unit <code>', 'where it is held')
    .action(async (o: { email: string; role: string; orgUnit: string }) => {
      const { revokeRole } = await import('./users.ts');
      await withContext((context) => revokeRole(context, o.email, o.role, o.orgUnit));
      console.log(`${o.email} no longer holds ${o.role} at ${o.orgUnit}`);
    });
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(
        disabled ? 'stop an account signing in (its sessions end)' : 'let an account sign in again',
      )
      .requiredOption('--email <email>', 'the account')
      .action(async (o: { email: string }) => {
        const { setDisabled } = await import('./users.ts');
        await withContext((context) => setDisabled(context, o.email, disabled));
        console.log(`${o.email} ${disabled ? 'disabled' : 'enabled'}`);
      });
  }
  user
    .command('list')
    .description('every account and its roles')
    .option('--search <text>', 'only accounts whose name or email holds this text')
    .option('--role <role>', `only accounts holding this role: ${roles.join(', ')}`)
    .action(async (o: { search?: string; role?: string }) => {
      const { listUsers } = await import('./users.ts');
      if (o.role !== undefined && !(roles as readonly string[]).includes(o.role))
        throw new HeadwayError('invalid', `There is no role "${o.role}"; the roles are ${roles.join(', ')}`);
      // The whole list on one page: a terminal (or a pipe to grep) pages for itself.
      const { users } = await withContext((context) =>
        listUsers(context, {
          page: 1,
          page_size: 1_000_000,
          q: o.search,
          role: o.role as (typeof roles)[number] | undefined,
        }),
      );
      for (const u of users)
        console.log(
          `${u.email}\t${u.name}${u.disabled ? ' (disabled)' : ''}\t${u.roles.map((r) => `${r.role}@${r.org_unit}`).join(', ')}`,
        );
    });

  const token = program.command('token').description('API tokens for integrations');
  token
    .command('create')
    .description("make a token that acts with an account's roles (shown once)")
    .requiredOption('--email <email>', 'the account the token acts as')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--expires <date>', 'the day it stops working, YYYY-MM-DD (default: until revoked)')
    .action(async (o: { email: string; name: string; expires?: string }) => {
      const { createToken } = await import('./tokens.ts');
      if (o.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.expires))
        throw new HeadwayError('invalid', `--expires "${o.expires}" is not a date (use YYYY-MM-DD)`);
      const made = await withContext((context) =>
        createToken(context, { email: o.email, name: o.name, expiresOn: o.expires }),
      );
      const until = made.expires_at ? `, until ${made.expires_at.slice(0, 10)}` : '';
      console.log(`Token ${made.id} for ${made.email} (${made.name}${until}): ${made.token}`);
    });
  token
    .command('revoke')
    .description('revoke a token by its id')
    .argument('<id>', 'the token id', parsePositiveInteger('id'))
    .action(async (id: number) => {
      const { revokeToken } = await import('./tokens.ts');
      await withContext((context) => revokeToken(context, id));
      console.log(`Token ${id} revoked`);
    });
  token
    .command('list')
    .description('every token (never the secret)')
    .action(async () => {
      const { listTokens } = await import('./tokens.ts');
      const tokens = await withContext(listTokens);
      for (const t of tokens)
        console.log(
          `${t.id}\t${t.prefix}…\t${t.email}\t${t.name}${t.revoked_at ? '\t(revoked)' : t.expires_at ? `\t(expires ${t.expires_at.slice(0, 10)})` : ''}`,
        );
    });

  program
    .command('terms')
    .description(`show or change the words for the structure: ${termKeys.join(', ')}`)
    .argument('[changes...]', 'key=value, e.g. area=LGEA "area_lead=Education Secretary"')
    .action(async (changes: string[]) => {
      const change: Partial<Terms> = {};
      for (const pair of changes) {
        const [key, ...rest] = pair.split('=');
        if (!termKeys.includes(key as keyof Terms) || rest.length === 0)
          throw new HeadwayError(
            'invalid',
            `Use key=value with a key among ${termKeys.join(', ')}, not "${pair}"`,
          );
        change[key as keyof Terms] = rest.join('=').trim();
      }
      const { getTerms, setTerms } = await import('../settings/terminology.ts');
      const terms = await withContext((context) =>
        changes.length ? setTerms(context, change) : getTerms(context.db),
      );
      for (const key of termKeys) console.log(`${key}=${terms[key]}`);
    });
}
