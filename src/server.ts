// Builds the Headway HTTP app: every capability's routes under /api/v1, the OpenAPI document and its
// reference page, and the web app. One place lists everything the server offers.
import './capabilities.ts';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { createRoute, z } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { attentionRoutes } from './attention/routes.ts';
import { parseTrustedProxies } from './auth/client-address.ts';
import { authenticate } from './auth/middleware.ts';
import { authRoutes } from './auth/routes.ts';
import { brokeringRoutes } from './brokering/routes.ts';
import { today } from './clock.ts';
import type { Settings } from './config.ts';
import { defaultSettings } from './context.ts';
import { dashboardRoutes } from './dashboards/routes.ts';
import { withCancellation } from './db/cancel.ts';
import type { Database } from './db/connection.ts';
import { dhis2Routes } from './dhis2/routes.ts';
import { HeadwayError } from './errors.ts';
import { exchangeRoutes } from './exchange/routes.ts';
import { givingRoutes } from './giving/routes.ts';
import { governanceRoutes } from './governance/routes.ts';
import { newRouter, screenInput } from './http.ts';
import { inspectionRoutes } from './inspections/routes.ts';
import { kpiRoutes } from './kpi/routes.ts';
import { meetingsRoutes } from './meetings/routes.ts';
import { normingRoutes } from './norming/routes.ts';
import { programmeRoutes } from './programmes/routes.ts';
import { projectionRoutes } from './projection/routes.ts';
import { reformRoutes } from './reforms/routes.ts';
import { registryRoutes } from './registry/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import {
  apiReference,
  framedReportPolicy,
  reportPolicy,
  SCALAR_SCRIPT_ROUTE,
  securityHeaders,
} from './security.ts';
import { settingsRoutes } from './settings/routes.ts';
import { skillRoutes } from './skills/routes.ts';
import { specialistRoutes } from './specialists/routes.ts';
import { stageRoutes } from './stages/routes.ts';
import { strategyRoutes } from './strategies/routes.ts';
import { strengthRoutes } from './strengths/routes.ts';
import { teacherPlanRoutes } from './teachers/plan-routes.ts';
import { teachersRoutes } from './teachers/routes.ts';
import { vacancyRoutes } from './vacancies/routes.ts';
import { estimatesRoutes } from './value-added/estimates-routes.ts';
import { valueAddedRoutes } from './value-added/routes.ts';
import { visitRoutes } from './visits/routes.ts';

export interface AppOptions {
  database: Database;
  settings?: Settings;
  /** Folder with the built web app (index.html); the UI is not served without one. */
  webRoot?: string;
  log?: (message: string, error?: unknown) => void;
  /** HEADWAY_TRUSTED_PROXIES: the proxies whose X-Forwarded-For names the client (addresses, CIDR ranges). */
  trustedProxies?: string;
  /** HEADWAY_SECURE_COOKIES: behind a TLS-terminating proxy, the session cookie is marked Secure. */
  secureCookies?: boolean;
}

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Whether Headway and its database answer',
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'postgres']) }),
        },
      },
      description: 'Healthy',
    },
  },
});

const documentConfig: Parameters<ReturnType<typeof newRouter>['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  servers: [{ url: '/api/v1' }],
  security: [{ token: [] }, { session: [] }],
  info: {
    title: 'Headway API',
    version: '1',
    description:
      'KPIs, value added, meetings, support brokering and strategy for people who lead systems of schools.',
  },
};

/** Every capability's routes under one router, with the OpenAPI document at /openapi.json. */
function buildApi() {
  const api = newRouter()
    .openapi(healthRoute, async (c) => {
      await c.var.database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
      return c.json({ status: 'ok' as const, database: c.var.database.engine }, 200);
    })
    .route('/', authRoutes)
    .route('/', settingsRoutes)
    .route('/', registryRoutes)
    .route('/', exchangeRoutes)
    .route('/', kpiRoutes)
    .route('/', dashboardRoutes)
    .route('/', attentionRoutes)
    .route('/', reportRoutes)
    .route('/', valueAddedRoutes)
    .route('/', estimatesRoutes)
    .route('/', meetingsRoutes)
    .route('/', inspectionRoutes)
    .route('/', brokeringRoutes)
    .route('/', strategyRoutes)
    .route('/', visitRoutes)
    .route('/', normingRoutes)
    .route('/', programmeRoutes)
    .route('/', projectionRoutes)
    .route('/', vacancyRoutes)
    .route('/', reformRoutes)
    .route('/', teachersRoutes)
    .route('/', teacherPlanRoutes)
    .route('/', skillRoutes)
    .route('/', governanceRoutes)
    .route('/', stageRoutes)
    .route('/', givingRoutes)
    .route('/', specialistRoutes)
    .route('/', strengthRoutes)
    .route('/', dhis2Routes);

  api.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token made by an admin (headway token create)',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'headway_session',
    description: 'Set by POST /auth/sign-in; changes also need the X-CSRF-Token header',
  });
  api.doc31('/openapi.json', documentConfig);
  return api;
}

/** The API's OpenAPI document, as GET /api/v1/openapi.json serves it (`headway openapi` prints it). */
export function apiDocument() {
  return buildApi().getOpenAPI31Document(documentConfig);
}

export function buildApp(options: AppOptions) {
  const log = options.log ?? ((message, error) => console.error(message, error));
  const trustedProxies = parseTrustedProxies(options.trustedProxies);
  const api = buildApi();

  const app = newRouter();
  // First, so every response has them: API answers, errors, pages and static files.
  app.use('*', securityHeaders());
  // Pages and figures travel gzipped: on a slow link the JSON of 1,000 schools is a tenth of its size.
  app.use('*', compress());
  app.use('*', async (c, next) => {
    c.set('database', options.database);
    c.set('settings', options.settings ?? defaultSettings);
    c.set('trustedProxies', trustedProxies);
    c.set('secureCookies', options.secureCookies ?? false);
    await next();
  });
  // The HTML performance pack has its styles inline.
  app.use('/api/v1/reports/*', securityHeaders(reportPolicy));
  // A strategy's termly impact report: the same, shown in a frame by the web app's report page.
  app.use('/api/v1/strategies/:code/report', securityHeaders(framedReportPolicy, 'SAMEORIGIN'));
  // A client that goes away cancels the queries made for it.
  app.use('/api/v1/*', (c, next) => withCancellation(c.req.raw.signal, next));
  // Every API route but health, sign-in and the OpenAPI document needs a session or a token.
  app.use('/api/v1/*', authenticate('/api/v1'));
  // One context per request, made once the caller is known: every handler passes it to the domain.
  app.use('/api/v1/*', async (c, next) => {
    if (c.var.actor)
      c.set('context', {
        db: c.var.database.db,
        actor: c.var.actor,
        settings: c.var.settings,
        today: today(),
      });
    await next();
  });
  app.use('/api/v1/*', screenInput());
  app.route('/api/v1', api);
  // The API reference works with no internet: its viewer script is served from here.
  const docs = apiReference('/api/v1/openapi.json');
  app.get('/api/docs', docs.page);
  app.get(SCALAR_SCRIPT_ROUTE, docs.script);
  app.all('/api/*', (c) =>
    c.json(
      new HeadwayError('not_found', `There is no API route ${c.req.method} ${c.req.path}`).toJSON(),
      404,
    ),
  );

  const webRoot = options.webRoot;
  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    const relativeRoot = path.relative(process.cwd(), webRoot) || '.';
    app.use('/assets/*', serveStatic({ root: relativeRoot }));
    // The installable visit form: its manifest, icons and service worker (a worker read from a cache
    // would hold back a new build, so the browser is told to check it every time).
    app.use('/icons/*', serveStatic({ root: relativeRoot }));
    app.get('/manifest.webmanifest', serveStatic({ root: relativeRoot }));
    app.get('/sw.js', async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-cache');
    });
    app.get('/sw.js', serveStatic({ root: relativeRoot }));
    // Every other path is a page of the web app, which routes in the browser.
    app.get('*', serveStatic({ root: relativeRoot, rewriteRequestPath: () => '/index.html' }));
  } else {
    app.get('/', (c) =>
      c.html(
        '<!doctype html><title>Headway</title><p>The web app is not built. Run <code>npm run build:web</code>, or use the <a href="/api/docs">API</a>.</p>',
      ),
    );
  }

  app.onError((error, c) => {
    // Nobody is left to read an answer (its queries were cancelled when the client went away).
    if (c.req.raw.signal.aborted) return new Response(null, { status: 499 });
    if (error instanceof HeadwayError) return c.json(error.toJSON(), error.status);
    // Hono's own refusals of a request (a body of a type the route does not take, JSON or a form that
    // does not parse) are the caller's mistake: the same 400 and error shape as any other bad input.
    if (error instanceof HTTPException && error.status < 500) {
      const message =
        error.status === 415
          ? 'body: send it with a content type this route takes (see the API document)'
          : `body: ${error.message}`;
      return c.json(new HeadwayError('invalid', message).toJSON(), 400);
    }
    const reference = randomUUID().slice(0, 8);
    log(`[${reference}] ${c.req.method} ${c.req.path} failed`, error);
    return c.json(
      {
        error: {
          code: 'internal',
          message: `Sorry, something went wrong on the server (reference ${reference})`,
          details: null,
        },
      },
      500,
    );
  });
  return app;
}
