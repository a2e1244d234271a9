// The API for access: sign in and out, who am I, users and their roles, API tokens, the audit log. Zod
// only (no server code), so the web app imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IdParam, IsoDate, jsonBody, jsonResponse } from '../contract.ts';
import { roles } from './lists.ts';

export type Role = (typeof roles)[number];

/** The kinds of group (org_group) a role can be held at instead of an org unit. */
const groupKinds = ['trust', 'federation'] as const;

export const Grant = z.object({
  role: z.enum(roles),
  org_unit: z.string().openapi({ description: 'The org unit’s code, or the trust’s or federation’s' }),
  group: z
    .enum(groupKinds)
    .optional()
    .openapi({ description: 'Set when the role is held at a trust or federation' }),
});
export type Grant = z.infer<typeof Grant>;

export const Session = z
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
export type Session = z.infer<typeof Session>;

const SignInBody = z.object({ email: z.string(), password: z.string() });

const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});

const EmailParam = z.object({ email: z.string().openapi({ param: { name: 'email', in: 'path' } }) });

export const UserGrant = Grant.extend({
  name: z.string().openapi({ description: 'The name of the org unit, trust or federation' }),
});
export type UserGrant = z.infer<typeof UserGrant>;

export const User = z.object({
  email: z.string(),
  name: z.string(),
  disabled: z.boolean(),
  person_code: z.string().nullable(),
  created_at: z.string().openapi({ description: 'When the account was added, an ISO 8601 instant' }),
  last_sign_in: z.string().nullable().openapi({ description: 'The latest sign-in the audit log holds' }),
  active_tokens: z.number().int().openapi({ description: 'API tokens neither revoked nor expired' }),
  roles: z.array(UserGrant),
});
export type User = z.infer<typeof User>;

const accountStatuses = ['active', 'disabled'] as const;

const UsersQuery = Page.extend({
  q: z.string().max(200).optional().openapi({ description: 'Part of the name or email, any case' }),
  role: z.enum(roles).optional().openapi({ description: 'Accounts holding this role (anywhere)' }),
  org_unit: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'Accounts holding a role at this org unit, trust or federation (its code)' }),
  status: z.enum(accountStatuses).optional(),
});
export type UsersQuery = z.infer<typeof UsersQuery>;

export const UserPage = z.object({
  total: z.number().int().openapi({ description: 'Accounts matching the filter, on every page' }),
  page: z.number().int(),
  page_size: z.number().int(),
  users: z.array(User),
});
export type UserPage = z.infer<typeof UserPage>;

const NewUserBody = z.object({
  email: z.string(),
  name: z.string().optional(),
  role: z.enum(roles),
  org_unit: z.string(),
  person: z.string().optional(),
  password: z.string().optional(),
});

export const AddedUser = z.object({
  email: z.string(),
  created: z.boolean(),
  password: z.string().nullable(),
});
export type AddedUser = z.infer<typeof AddedUser>;

export const ApiToken = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  prefix: z.string().openapi({ description: 'The first characters, to tell tokens apart' }),
  created_at: z.string(),
  expires_at: z
    .string()
    .nullable()
    .openapi({ description: 'When it stops working (the start of that day, UTC); null: until revoked' }),
  created_by: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const NewToken = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  expires_at: z.string().nullable(),
  token: z.string(),
});
export type NewToken = z.infer<typeof NewToken>;

export const signInRoute = createRoute({
  method: 'post',
  path: '/auth/sign-in',
  tags: ['access'],
  summary: 'Sign in with email and password; sets the session cookie',
  request: { body: jsonBody(SignInBody) },
  responses: {
    200: jsonResponse(Session, 'Signed in'),
    401: errorResponse('The email or password is not right'),
    429: errorResponse('Too many attempts from this address, or the account is locked for a while'),
  },
});

export const signOutRoute = createRoute({
  method: 'post',
  path: '/auth/sign-out',
  tags: ['access'],
  summary: 'End this session',
  responses: { 204: { description: 'Signed out' } },
});

export const sessionRoute = createRoute({
  method: 'get',
  path: '/auth/session',
  tags: ['access'],
  summary: 'Who is signed in, their roles, and the CSRF token for changes',
  responses: { 200: jsonResponse(Session, 'The session'), 401: errorResponse('Not signed in') },
});

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: ['access'],
  summary: 'Accounts and their roles, by email, filtered and paged (admin)',
  request: { query: UsersQuery },
  responses: {
    200: jsonResponse(UserPage, 'A page of accounts and the total that match'),
    403: errorResponse('Not an admin'),
  },
});

export const addUserRoute = createRoute({
  method: 'post',
  path: '/users',
  tags: ['access'],
  summary: 'Add an account, or another role to an existing one (admin)',
  description: 'Without a password a temporary one is made and returned once.',
  request: { body: jsonBody(NewUserBody) },
  responses: {
    200: jsonResponse(AddedUser, 'Added'),
    403: errorResponse('Not an admin'),
    404: errorResponse('No such org unit or person'),
  },
});

export const revokeRoleRoute = createRoute({
  method: 'delete',
  path: '/users/{email}/roles',
  tags: ['access'],
  summary: 'Take a role away from an account (admin)',
  request: { params: EmailParam, query: z.object({ role: z.enum(roles), org_unit: z.string() }) },
  responses: {
    204: { description: 'Removed' },
    400: errorResponse('It is the last admin role of an active account: the authority would have no admin'),
    404: errorResponse('No such user or role'),
  },
});

export const resetPasswordRoute = createRoute({
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
});

export const setDisabledRoute = createRoute({
  method: 'post',
  path: '/users/{email}/disabled',
  tags: ['access'],
  summary: 'Disable or re-enable an account (admin)',
  request: {
    params: EmailParam,
    body: { content: { 'application/json': { schema: z.object({ disabled: z.boolean() }) } } },
  },
  responses: {
    204: { description: 'Done: a disabled account’s sessions end and its tokens stop working at once' },
    400: errorResponse('Disabling your own account, or the last active admin'),
    404: errorResponse('No such user'),
  },
});

export const listTokensRoute = createRoute({
  method: 'get',
  path: '/tokens',
  tags: ['access'],
  summary: 'API tokens (admin; the secrets themselves are never shown again)',
  request: {
    query: z.object({
      email: z.string().optional().openapi({ description: 'Only the tokens acting as this account' }),
    }),
  },
  responses: { 200: jsonResponse(z.object({ tokens: z.array(ApiToken) }), 'The tokens') },
});

export const createTokenRoute = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['access'],
  summary: "Make an API token acting with an account's roles (admin)",
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            email: z.string(),
            name: z.string().trim().min(1).max(100).openapi({ description: 'What the token is for' }),
            expires_on: IsoDate.optional().openapi({
              description:
                'The day it stops working (from the start of that day, UTC); left out: until revoked',
            }),
          }),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(NewToken, 'The token, shown once: send it as Authorization: Bearer <token>'),
  },
});

export const revokeTokenRoute = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags: ['access'],
  summary: 'Revoke an API token (admin)',
  request: { params: IdParam },
  responses: { 204: { description: 'Revoked' }, 404: errorResponse('No such active token') },
});
