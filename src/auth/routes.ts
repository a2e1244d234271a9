// The HTTP API for access: sign in and out, who am I, users and their roles, API tokens, the audit log.
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sql } from 'kysely';
import { errorResponse, IdParam, jsonResponse } from '../contract.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { newRouter } from '../http.ts';
import { latestMonth } from '../kpi/queries.ts';
import { getTerms } from '../settings/terminology.ts';
import { type Actor, roles } from './actor.ts';
import { auditEventChanges, listAuditEvents } from './audit.ts';
import { clientAddress, SESSION_COOKIE } from './middleware.ts';
import { signIn, signOut } from './sessions.ts';
import { createToken, listTokens, revokeToken } from './tokens.ts';
import { addUser, listUsers, resetPassword, revokeRole, setDisabled } from './users.ts';

const Grant = z.object({
  role: z.enum(roles),
  org_unit: z.string().openapi({ description: 'The org unit’s code, or the trust’s or federation’s' }),
  group: z
    .enum(['trust', 'federation'])
    .optional()
    .openapi({ description: 'Set when the role is held at a trust or federation' }),
});

const SessionInfo = z
  .object({
    user: z.object({ email: z.string(), name: z.string() }),
    person: z
      .object({ code: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: 'The registry person the account belongs to (owner of "my actions")' }),
    roles: z.array(Grant),
    permissions: z.array(z.string()),
    whole_authority: z.boolean(),
    csrf_token: z.string().openapi({ description: 'Send as the X-CSRF-Token header on every change' }),
    terms: z.record(z.string(), z.string()),
    latest_month: z.string().nullable().openapi({ description: 'The latest month with any data' }),
  })
  .openapi('Session');

const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});

const EmailParam = z.object({ email: z.string().openapi({ param: { name: 'email', in: 'path' } }) });

async function sessionInfo(db: Db, actor: Actor, csrf: string) {
  const user = await db
    .selectFrom('app_user')
    .select(['email', 'name'])
    .where('id', '=', actor.userId ?? -1)
    .executeTakeFirst();
  const person = await db
    .selectFrom('person')
    .select(['code', sql<string>`given_name || ' ' || family_name`.as('name')])
    .where('id', '=', actor.personId ?? -1)
    .executeTakeFirst();
  return {
    user: user ?? { email: actor.name, name: actor.name },
    person: person ?? null,
    roles: [...actor.grants],
    permissions: [...actor.permissions].sort(),
    whole_authority: actor.scope.all,
    csrf_token: csrf,
    terms: await getTerms(db),
    latest_month: await latestMonth(db),
  };
}

export const authRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-in',
      tags: ['access'],
      summary: 'Sign in with email and password; sets the session cookie',
      request: {
        body: {
          content: { 'application/json': { schema: z.object({ email: z.string(), password: z.string() }) } },
        },
      },
      responses: {
        200: jsonResponse(SessionInfo, 'Signed in'),
        401: errorResponse('The email or password is not right'),
        429: errorResponse('Too many attempts from this address, or the account is locked for a while'),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const opened = await signIn(c.var.database.db, {
        email,
        password,
        ip: clientAddress(c),
        userAgent: c.req.header('user-agent') ?? null,
      });
      setCookie(c, SESSION_COOKIE, opened.secret, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: new URL(c.req.url).protocol === 'https:' || process.env.HEADWAY_SECURE_COOKIES === '1',
        path: '/',
        expires: opened.expiresAt,
      });
      return c.json(await sessionInfo(c.var.database.db, opened.actor, opened.csrfToken), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-out',
      tags: ['access'],
      summary: 'End this session',
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      const secret = getCookie(c, SESSION_COOKIE);
      if (secret) await signOut(c.var.database.db, c.var.actor, secret);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/session',
      tags: ['access'],
      summary: 'Who is signed in, their roles, and the CSRF token for changes',
      responses: { 200: jsonResponse(SessionInfo, 'The session'), 401: errorResponse('Not signed in') },
    }),
    async (c) => c.json(await sessionInfo(c.var.database.db, c.var.actor, c.var.csrfToken ?? ''), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['access'],
      summary: 'Every account and its roles (admin)',
      responses: {
        200: jsonResponse(
          z.object({
            users: z.array(
              z.object({
                email: z.string(),
                name: z.string(),
                disabled: z.boolean(),
                person_code: z.string().nullable(),
                roles: z.array(Grant),
              }),
            ),
          }),
          'The accounts',
        ),
        403: errorResponse('Not an admin'),
      },
    }),
    async (c) => c.json({ users: await listUsers(c.var.database.db, c.var.actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags: ['access'],
      summary: 'Add an account, or another role to an existing one (admin)',
      description: 'Without a password a temporary one is made and returned once.',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                email: z.string(),
                name: z.string().optional(),
                role: z.enum(roles),
                org_unit: z.string(),
                person: z.string().optional(),
                password: z.string().optional(),
              }),
            },
          },
        },
      },
      responses: {
        200: jsonResponse(
          z.object({ email: z.string(), created: z.boolean(), password: z.string().nullable() }),
          'Added',
        ),
        403: errorResponse('Not an admin'),
        404: errorResponse('No such org unit or person'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await addUser(c.var.database.db, c.var.actor, { ...body, orgUnit: body.org_unit }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/users/{email}/roles',
      tags: ['access'],
      summary: 'Take a role away from an account (admin)',
      request: { params: EmailParam, query: z.object({ role: z.enum(roles), org_unit: z.string() }) },
      responses: { 204: { description: 'Removed' }, 404: errorResponse('No such user or role') },
    }),
    async (c) => {
      const { role, org_unit } = c.req.valid('query');
      await revokeRole(c.var.database.db, c.var.actor, c.req.valid('param').email, role, org_unit);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users/{email}/reset-password',
      tags: ['access'],
      summary: 'Set a new password, end the sessions and lift a lockout (admin)',
      description:
        'With a `password` in the body that password is set (it must pass the same strength check as ' +
        'a new account’s); without one a temporary password is made. Either is returned once.',
      request: {
        params: EmailParam,
        body: {
          required: false,
          content: {
            'application/json': {
              schema: z
                .object({
                  password: z
                    .string()
                    .optional()
                    .openapi({ description: 'The new password; left out, a temporary one is made' }),
                })
                // A misspelt field is refused by name, not ignored in favour of a temporary password.
                .strict(),
            },
          },
        },
      },
      responses: {
        200: jsonResponse(
          z.object({ password: z.string().nullable() }),
          'The temporary password made, shown once (null when the password was given)',
        ),
        400: errorResponse('The password given is too weak'),
        404: errorResponse('No such user'),
      },
    }),
    async (c) => {
      const given = c.req.valid('json').password;
      const password = await resetPassword(c.var.database.db, c.var.actor, c.req.valid('param').email, given);
      // A password the admin chose is not echoed back.
      return c.json({ password: given === undefined ? password : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users/{email}/disabled',
      tags: ['access'],
      summary: 'Disable or re-enable an account (admin)',
      request: {
        params: EmailParam,
        body: { content: { 'application/json': { schema: z.object({ disabled: z.boolean() }) } } },
      },
      responses: { 204: { description: 'Done' } },
    }),
    async (c) => {
      await setDisabled(
        c.var.database.db,
        c.var.actor,
        c.req.valid('param').email,
        c.req.valid('json').disabled,
      );
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      tags: ['access'],
      summary: 'API tokens (admin; the secrets themselves are never shown again)',
      responses: {
        200: jsonResponse(
          z.object({
            tokens: z.array(
              z.object({
                id: z.number(),
                name: z.string(),
                email: z.string(),
                prefix: z.string().openapi({ description: 'The first characters, to tell tokens apart' }),
                created_at: z.string(),
                created_by: z.string(),
                last_used_at: z.string().nullable(),
                revoked_at: z.string().nullable(),
              }),
            ),
          }),
          'The tokens',
        ),
      },
    }),
    async (c) => {
      const tokens = await listTokens(c.var.database.db, c.var.actor);
      const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
      return c.json(
        {
          tokens: tokens.map((t) => ({
            ...t,
            created_at: new Date(t.created_at).toISOString(),
            last_used_at: iso(t.last_used_at),
            revoked_at: iso(t.revoked_at),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags: ['access'],
      summary: "Make an API token acting with an account's roles (admin)",
      request: {
        body: {
          content: {
            'application/json': { schema: z.object({ email: z.string(), name: z.string().min(1).max(100) }) },
          },
        },
      },
      responses: {
        200: jsonResponse(
          z.object({ id: z.number(), name: z.string(), email: z.string(), token: z.string() }),
          'The token, shown once: send it as Authorization: Bearer <token>',
        ),
      },
    }),
    async (c) => {
      const { email, name } = c.req.valid('json');
      return c.json(await createToken(c.var.database.db, c.var.actor, email, name), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      tags: ['access'],
      summary: 'Revoke an API token (admin)',
      request: { params: IdParam },
      responses: { 204: { description: 'Revoked' }, 404: errorResponse('No such active token') },
    }),
    async (c) => {
      await revokeToken(c.var.database.db, c.var.actor, c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['access'],
      summary: 'The audit log, newest first (admin)',
      request: {
        query: Page.extend({
          actor: z.string().optional(),
          action: z.string().optional(),
          entity: z.string().optional(),
        }),
      },
      responses: { 200: jsonResponse(z.any(), 'Events with how many rows each changed') },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await listAuditEvents(c.var.database.db, c.var.actor, { ...q, pageSize: q.page_size }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/{id}',
      tags: ['access'],
      summary: 'One audit event with the before and after of every row it changed (admin)',
      request: { params: IdParam, query: Page },
      responses: { 200: jsonResponse(z.any(), 'The event'), 404: errorResponse('No such event') },
    }),
    async (c) => {
      const { page, page_size } = c.req.valid('query');
      const event = await auditEventChanges(
        c.var.database.db,
        c.var.actor,
        c.req.valid('param').id,
        page,
        page_size,
      );
      if (!event) throw notFound(`Audit event ${c.req.valid('param').id}`);
      return c.json(event, 200);
    },
  );
