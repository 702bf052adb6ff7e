// /demo: a page of a pretend telecom site with the widget embedded against the demo account's web-chat
// inbox (the first web-chat inbox created, which server/accounts/seed-demo.ts makes on first start).
import { createHash } from 'node:crypto';
import { asc, inArray } from 'drizzle-orm';
import type express from 'express';
import type { HubContext } from '#server/context.ts';
import { inboxes } from '#server/db/schema.ts';
import { kindsWhere } from '#server/inboxes/channel-facts.ts';
import { pagePolicy } from '#server/security-headers.ts';

// The page's own button opens the chat the way a customer's page would, with an inline handler: the
// page's policy allows that one handler by its hash, and nothing else inline.
const openChat = 'HubWidget.open()';
const openChatHash = `'sha256-${createHash('sha256').update(openChat).digest('base64')}'`;

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function demoPage(app: express.Express, ctx: HubContext): void {
  app.get('/demo', pagePolicy({ 'script-src-attr': ["'unsafe-hashes'", openChatHash] }));
  app.get('/demo', async (req, res, next) => {
    try {
      const [inbox] = await ctx.db
        .select({ token: inboxes.token })
        .from(inboxes)
        .where(
          inArray(
            inboxes.channel,
            kindsWhere((d) => d.inbound === 'widget'),
          ),
        )
        .orderBy(asc(inboxes.id))
        .limit(1);
      // The page is in English, so its widget is too unless a language is asked for.
      const lang =
        typeof req.query.lang === 'string' && /^(es|en|ar)$/.test(req.query.lang) ? req.query.lang : 'en';
      const embed = inbox
        ? `<script src="/widget.js" data-inbox="${esc(inbox.token)}" data-lang="${lang}" async></script>`
        : `<p><strong>There is no web-chat inbox yet.</strong> Create one with <code>POST /api/v1/inboxes {"channel":"${esc(kindsWhere((d) => d.inbound === 'widget')[0] ?? '')}"}</code>.</p>`;
      res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Demo telecom — web chat</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head><body>
<h1>Demo telecom</h1>
<p>Top up your Fijacom line, check your plan or ask about fibre at home. The chat button in the corner is
the hub's web-chat widget, embedded with one line:</p>
<pre><code>&lt;script src="${esc(`${req.protocol}://${req.get('host') ?? ''}`)}/widget.js" data-inbox="…" async&gt;&lt;/script&gt;</code></pre>
<p>Answer from the agent console or the REST API. Try it in <a href="?lang=es">español</a>,
<a href="?lang=en">English</a> or <a href="?lang=ar">العربية</a>.</p>
<p><button type="button" onclick="${openChat}">Open the chat from the page's own button</button></p>
${embed}
</body></html>`);
    } catch (err) {
      next(err);
    }
  });
}
