// The agent console (agent-console/, built by scripts/build-console.ts into dist/console) at /: its assets
// with long caching (their names carry a hash), and index.html for the console's own paths so deep links
// survive a reload. Without a build, / says how to make one and points at the REST API.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { HubContext } from '#server/context.ts';

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
