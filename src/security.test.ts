// Security headers on every kind of response, and the API reference page working with no internet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from './db/connection.ts';
import { freshDatabase } from './db/testing.ts';
import { buildApp } from './server.ts';

let database: Database;
let app: ReturnType<typeof buildApp>;
let webRoot: string;

beforeAll(async () => {
  database = await freshDatabase();
  // A stand-in for the built web app: an index page and an asset.
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-web-'));
  fs.mkdirSync(path.join(webRoot, 'assets'));
  fs.writeFileSync(
    path.join(webRoot, 'index.html'),
    '<!doctype html><title>Headway</title><script type="module" src="/assets/app.js"></script>',
  );
  fs.writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'export {};');
  app = buildApp({ database, webRoot, log: () => {} });
});
afterAll(async () => {
  await database.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

function expectSecurityHeaders(response: Response) {
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toMatch(/script-src 'self'(;|$)/); // no inline script, no other host
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('unsafe-eval');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
}

describe('security headers', () => {
  test('an API answer, an API error, a missing route, a page and a static file all carry them', async () => {
    const health = await app.request('/api/v1/health');
    expect(health.status).toBe(200);
    expectSecurityHeaders(health);
    const unauthenticated = await app.request('/api/v1/schools');
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated);
    const missing = await app.request('/api/no-such-route');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
    const root = await app.request('/');
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<title>Headway</title>');
    expectSecurityHeaders(root);
    const page = await app.request('/admin');
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    const asset = await app.request('/assets/app.js');
    expect(asset.status).toBe(200);
    expectSecurityHeaders(asset);
  });

  test('the built web app has no inline script for the policy to block', () => {
    const built = path.resolve('web/dist/index.html');
    if (!fs.existsSync(built)) return; // npm test builds it first
    const html = fs.readFileSync(built, 'utf8');
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\/assets\//);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style|style="|https?:\/\//);
  });
});

describe('the API reference at /api/docs', () => {
  test('loads its viewer from this server, never from another host', async () => {
    const page = await app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('<script src="/api/docs/scalar.js">');
    expect(html).toContain('/api/v1/openapi.json');

    const script = await app.request('/api/docs/scalar.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('createApiReference');
    expectSecurityHeaders(script);
  });

  test('its policy allows this origin and the page’s own inline start-up script, nothing else', async () => {
    const page = await app.request('/api/docs');
    const html = await page.text();
    const policy = page.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      policy.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const),
    );
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)];
    expect(inline).toHaveLength(1);
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256')
      .update(inline[0]?.[1] ?? '')
      .digest('base64');
    expect(directives['script-src']).toEqual(["'self'", `'sha256-${hash}'`]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(policy).not.toMatch(/https?:|\*/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });
});
