// The agent console (agent-console/, built by scripts/build-console.ts into dist/console) at /: its assets
// with long caching (their names carry a hash), and index.html for the console's own paths so deep links
// survive a reload. Without a build, / says how to make one and points at the REST API.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { HubContext } from '#server/context.ts';
import { AppError } from '#server/errors.ts';

// CONSOLE_DIST_DIR: a build elsewhere (test runs side by side on one checkout each build their own).
const dist = process.env.CONSOLE_DIST_DIR ?? join(import.meta.dirname, '..', '..', 'dist', 'console');
const consolePaths = [
  '/',
  '/login',
  '/conversations/:id',
  '/admin',
  '/admin/:section',
  '/mentions',
  '/account',
  '/reports',
  '/reports/:name',
  '/floor',
  '/sales',
  '/sales/:id',
  '/sales/s/:id',
  '/quality',
  '/quality/e/:id',
  '/follow-ups',
  '/follow-ups/:id',
];

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head><body>${body}</body></html>`;

export function placeholderPages(app: express.Express, _ctx: HubContext): void {
  app.use('/assets', express.static(join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  app.get(consolePaths, (_req, res) => {
    const index = join(dist, 'index.html');
    if (existsSync(index)) {
      res.set('cache-control', 'no-cache').type('html').send(readFileSync(index, 'utf8'));
      return;
    }
    res.type('html').send(
      page(
        'Omnichannel hub',
        `<h1>Omnichannel hub</h1><p>The hub is running, but the agent console has not been built: run <code>npm run build:console</code> (<code>npm start</code> does it).</p>
<p>The REST API: <a href="/api/docs">/api/docs</a> (OpenAPI). Log in with <code>POST /api/v1/auth/login</code>.</p>`,
      ),
    );
  });
}

/** The hub's icon (the tab, bookmarks): a speech bubble in the console's blue. */
const icon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2563eb"/><path d="M8 9h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9l-5 4v-4H8a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z" fill="#fff"/></svg>`;

export function faviconRoutes(app: express.Express): void {
  // /favicon.ico is what a browser asks for by itself; it gets the SVG too (browsers read it by its type).
  app.get(['/favicon.svg', '/favicon.ico'], (_req, res) => {
    res.set('cache-control', 'public, max-age=86400').type('image/svg+xml').send(icon);
  });
}

/**
 * Last of all: an address nothing answered. A browser gets the console with status 404 (it shows "page
 * not found" with a way home, in the user's language); anything else the JSON error every API answers.
 */
export function unknownPages(app: express.Express): void {
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.accepts(['json', 'html']) !== 'html') {
      next(new AppError('not_found', `nothing at ${req.method} ${req.path}`));
      return;
    }
    const index = join(dist, 'index.html');
    res.status(404).set('cache-control', 'no-cache').type('html');
    if (existsSync(index)) res.send(readFileSync(index, 'utf8'));
    else
      res.send(
        page(
          'Not found',
          '<h1>Not found</h1><p>There is no page at this address. <a href="/">The hub</a>.</p>',
        ),
      );
  });
}
