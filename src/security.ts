// Security headers on every response, and the API reference page served from this machine. The web
// app is one script and one stylesheet from /assets, with no inline script, so its policy allows only
// its own origin; the two pages that need more (the API reference, the HTML performance pack) get a
// policy of their own that adds only what they use.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Scalar } from '@scalar/hono-api-reference';
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

type Policy = NonNullable<Parameters<typeof secureHeaders>[0]>['contentSecurityPolicy'];

/** The web app, the API and its errors, static assets: nothing but this origin, never in a frame. */
const appPolicy: Policy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The HTML performance pack: a document with its styles inline and its charts as inline SVG, and
 * nothing to run.
 */
export const reportPolicy: Policy = {
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ['data:'],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * A strategy's termly impact report: the pack's policy, but the web app's report page may show it in a
 * frame of this origin (it needs its inline styles, which the app's own policy refuses).
 */
export const framedReportPolicy: Policy = { ...reportPolicy, frameAncestors: ["'self'"] };

/**
 * The headers: a Content-Security-Policy, X-Content-Type-Options nosniff, X-Frame-Options DENY,
 * Referrer-Policy same-origin (a link out does not carry Headway's addresses, which name schools),
 * and hono's other defaults (HSTS, cross-origin isolation of resources). A response that already has a
 * policy of its own (a route's `policyFor`) keeps it.
 */
export function securityHeaders(
  policy: Policy = appPolicy,
  xFrameOptions: 'DENY' | 'SAMEORIGIN' = 'DENY',
): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: policy,
    xFrameOptions,
    referrerPolicy: 'same-origin',
    overwrite: false,
  });
}

/**
 * The API reference's viewer: the standalone bundle of `@scalar/api-reference` (a dependency for this one
 * file). The package exports no path to it, so it is found beside the package's main entry.
 */
const SCALAR_BUNDLE = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')),
  'browser/standalone.js',
);
export const SCALAR_SCRIPT_ROUTE = '/api/docs/scalar.js';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * GET /api/docs and its script: the page Scalar's Hono integration writes, pointed at the bundle served
 * from here (its `cdn` option) rather than a CDN, so it works on a machine with no internet. The page
 * starts the viewer with an inline script; the policy allows exactly that script by its hash, the
 * bundle from this origin, the inline styles the viewer injects, and requests to this origin only (the
 * OpenAPI document). Its default web fonts would come from Scalar's servers, so they are off.
 */
export function apiReference(openApiUrl: string) {
  const scalar = Scalar({
    url: openApiUrl,
    pageTitle: 'Headway API',
    cdn: SCALAR_SCRIPT_ROUTE,
    withDefaultFonts: false,
    telemetry: false,
    // Its AI chat and developer toolbar talk to Scalar's servers; off, rather than broken by the policy.
    agent: { disabled: true },
    showDeveloperTools: 'never',
  });
  let page: Promise<{ html: string; policy: string }> | undefined;
  const render = async (c: Context) => {
    const response = (await scalar(c, async () => {})) as Response;
    const html = await response.text();
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
      (m) => m[1] ?? '',
    );
    const policy = [
      "default-src 'none'",
      `script-src 'self' ${inlineScripts.map(sha256).join(' ')}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    return { html, policy };
  };
  let bundle: Buffer | undefined;
  return {
    page: async (c: Context) => {
      page ??= render(c);
      const { html, policy } = await page;
      c.header('content-security-policy', policy);
      return c.html(html);
    },
    script: (c: Context) => {
      bundle ??= fs.readFileSync(SCALAR_BUNDLE);
      return c.body(new Uint8Array(bundle), 200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=86400',
      });
    },
  };
}
