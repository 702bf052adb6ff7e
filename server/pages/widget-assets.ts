// Serves the built widget (dist/widget, from scripts/build-widget.ts): /widget.js (the loader, short cache:
// its URL is fixed in customers' pages), /widget/app.js and /widget/app.css (immutable under ?v=<build
// hash>), and /widget/frame, the iframe's HTML. Everything is loadable cross-origin. When dist/widget is
// missing (a fresh clone started without `npm start`'s prestart), the hub builds it once, on first use.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type express from 'express';
import type { HubContext } from '#server/context.ts';

const dist = join(import.meta.dirname, '..', '..', 'dist', 'widget');
type Built = { version: string; files: Record<string, Buffer> };

function load(): Built {
  const { version } = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { version: string };
  const files: Record<string, Buffer> = {};
  for (const f of ['widget.js', 'app.js', 'app.css']) files[f] = readFileSync(join(dist, f));
  return { version, files };
}

export function widgetAssets(app: express.Express, ctx: HubContext): void {
  let built: Promise<Built> | null = null;
  const assets = () => {
    built ??= (async () => {
      if (!existsSync(join(dist, 'manifest.json'))) {
        ctx.log.info('dist/widget is missing: building the widget');
        // The build script (and esbuild) are only needed here, so they are loaded only here.
        const { buildWidget } = await import('../../scripts/build-widget.ts');
        await buildWidget({ quiet: true });
      }
      return load();
    })();
    built.catch(() => {
      built = null;
    });
    return built;
  };
  void assets().catch((err: unknown) => ctx.log.error({ err }, 'the widget bundle is not available'));

  const send = (name: string, type: string, cache: (req: express.Request, v: string) => string) =>
    (async (req: express.Request, res: express.Response) => {
      const a = await assets();
      res.type(type).set({
        'cache-control': cache(req, a.version),
        etag: `"${a.version}"`,
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
        'x-content-type-options': 'nosniff',
      });
      if (req.fresh) return void res.status(304).end();
      res.send(a.files[name]);
    }) as express.RequestHandler;
  const immutable = (req: express.Request, v: string) =>
    req.query.v === v ? 'public, max-age=31536000, immutable' : 'public, max-age=300';

  app.get(
    '/widget.js',
    send('widget.js', 'application/javascript; charset=utf-8', () => 'public, max-age=300'),
  );
  app.get('/widget/app.js', send('app.js', 'application/javascript; charset=utf-8', immutable));
  app.get('/widget/app.css', send('app.css', 'text/css; charset=utf-8', immutable));
  app.get('/widget/frame', async (_req, res) => {
    const { version } = await assets();
    res
      .type('html')
      .set({
        'cache-control': 'no-cache',
        // Embeddable anywhere (no frame-ancestors); everything else only from the hub itself.
        'content-security-policy':
          "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none'; object-src 'none'",
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      })
      .send(
        `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Chat</title><link rel="stylesheet" href="/widget/app.css?v=${version}"></head><body><div id="app"></div><script src="/widget/app.js?v=${version}" defer></script></body></html>`,
      );
  });
}
