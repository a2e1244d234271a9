// The HTTP API for access: sign in and out, who am I, users and their roles, API tokens, the audit log
// (the shapes and routes are in contract.ts).
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { contextFor } from '../context.ts';
import { newRouter } from '../http.ts';
import { writeTable } from '../tabular/write.ts';
import {
  auditEventChanges,
  auditExportColumns,
  auditVocabulary,
  exportAuditEvents,
  listAuditEvents,
} from './audit.ts';
import {
  auditEventRoute,
  auditVocabularyRoute,
  exportAuditEventsRoute,
  listAuditEventsRoute,
} from './audit-contract.ts';
import {
  addUserRoute,
  createTokenRoute,
  listTokensRoute,
  listUsersRoute,
  resetPasswordRoute,
  revokeRoleRoute,
  revokeTokenRoute,
  sessionRoute,
  setDisabledRoute,
  signInRoute,
  signOutRoute,
} from './contract.ts';
import { clientAddress, SESSION_COOKIE } from './middleware.ts';
import { sessionInfo } from './session-info.ts';
import { signIn, signOut } from './sessions.ts';
import { createToken, listTokens, revokeToken } from './tokens.ts';
import { addUser, listUsers, resetPassword, revokeRole, setDisabled } from './users.ts';

export const authRoutes = newRouter()
  .openapi(signInRoute, async (c) => {
    // Before sign-in there is no caller, so no request context: the session opened makes one.
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
      secure: new URL(c.req.url).protocol === 'https:' || c.var.secureCookies === true,
      path: '/',
      expires: opened.expiresAt,
    });
    const context = contextFor(c.var.database.db, opened.actor, { settings: c.var.settings });
    return c.json(await sessionInfo(context, opened.csrfToken), 200);
  })
  .openapi(signOutRoute, async (c) => {
    const secret = getCookie(c, SESSION_COOKIE);
    if (secret) await signOut(c.var.context, secret);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(sessionRoute, async (c) => c.json(await sessionInfo(c.var.context, c.var.csrfToken ?? ''), 200))
  .openapi(listUsersRoute, async (c) => c.json(await listUsers(c.var.context, c.req.valid('query')), 200))
  .openapi(addUserRoute, async (c) => {
    const { org_unit, ...user } = c.req.valid('json');
    return c.json(await addUser(c.var.context, { ...user, orgUnit: org_unit }), 200);
  })
  .openapi(revokeRoleRoute, async (c) => {
    const { role, org_unit } = c.req.valid('query');
    await revokeRole(c.var.context, c.req.valid('param').email, role, org_unit);
    return c.body(null, 204);
  })
  .openapi(resetPasswordRoute, async (c) => {
    const given = c.req.valid('json').password;
    const password = await resetPassword(c.var.context, c.req.valid('param').email, given);
    // A password the admin chose is not echoed back.
    return c.json({ password: given === undefined ? password : null }, 200);
  })
  .openapi(setDisabledRoute, async (c) => {
    await setDisabled(c.var.context, c.req.valid('param').email, c.req.valid('json').disabled);
    return c.body(null, 204);
  })
  .openapi(listTokensRoute, async (c) =>
    c.json({ tokens: await listTokens(c.var.context, c.req.valid('query').email) }, 200),
  )
  .openapi(createTokenRoute, async (c) => {
    const { email, name, expires_on } = c.req.valid('json');
    return c.json(await createToken(c.var.context, { email, name, expiresOn: expires_on }), 200);
  })
  .openapi(revokeTokenRoute, async (c) => {
    await revokeToken(c.var.context, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(listAuditEventsRoute, async (c) =>
    c.json(await listAuditEvents(c.var.context, c.req.valid('query')), 200),
  )
  // Before /audit/{id}, whose id would refuse these words.
  .openapi(auditVocabularyRoute, async (c) => c.json(await auditVocabulary(c.var.context), 200))
  .openapi(exportAuditEventsRoute, async (c) => {
    const { format, ...filter } = c.req.valid('query');
    const rows = await exportAuditEvents(c.var.context, filter);
    const bytes = await writeTable(auditExportColumns, rows, format);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="audit-log.${format}"`,
    });
  })
  .openapi(auditEventRoute, async (c) => {
    const { page, page_size } = c.req.valid('query');
    return c.json(
      await auditEventChanges(c.var.context, c.req.valid('param').id, { page, pageSize: page_size }),
      200,
    );
  });
