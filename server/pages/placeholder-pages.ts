// The agent console (/) and the widget demo (/demo) are their own issues; until they land, these pages
// say so and point at what works today: the REST API and its documentation.
import type express from 'express';
import type { HubContext } from '#server/context.ts';

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head><body>${body}</body></html>`;

export function placeholderPages(app: express.Express, _ctx: HubContext): void {
  app.get('/', (_req, res) => {
    res.type('html').send(
      page(
        'Omnichannel hub',
        `<h1>Omnichannel hub</h1><p>The hub is running. The agent console is not built into this version yet.</p>
<p>Use the REST API: <a href="/api/docs">/api/docs</a> (OpenAPI). Log in with <code>POST /api/v1/auth/login</code>.</p>`,
      ),
    );
  });
  app.get('/demo', (_req, res) => {
    res
      .type('html')
      .send(
        page(
          'Widget demo',
          `<h1>Web-chat demo</h1><p>The embeddable widget is not built into this version yet; this page will host it.</p>`,
        ),
      );
  });
}
