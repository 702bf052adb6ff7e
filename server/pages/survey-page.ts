// The satisfaction survey an e-mail links to: GET /survey/<token> shows 1–5 and a comment box, POST
// stores the rating once (a second answer gets a clear 409 page). Plain server-rendered HTML in the
// conversation's language (es, en, ar — right to left); the token is sealed (protocol/survey-token.ts),
// so a changed one is refused. No script, no cookie: it opens in any mail client's browser.

import { eq } from 'drizzle-orm';
import express from 'express';
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { conversationRatings } from '#server/db/schema.ts';
import { languageOf } from '#server/protocol/fill-text.ts';
import { loadScope } from '#server/protocol/scope.ts';
import { storeRating } from '#server/protocol/store-rating.ts';
import { openSurveyToken } from '#server/protocol/survey-token.ts';
import type { Language } from '#shared/protocol.schema.ts';

const t: Record<
  Language,
  Record<'title' | 'ask' | 'comment' | 'send' | 'thanks' | 'already' | 'invalid' | 'bad', string>
> = {
  en: {
    title: 'How did we do?',
    ask: 'Rate our service from 1 (poor) to 5 (excellent).',
    comment: 'Anything you want to tell us (optional)',
    send: 'Send',
    thanks: 'Thank you! Your rating was recorded.',
    already: 'This conversation was already rated. Thank you!',
    invalid: 'This survey link is not valid.',
    bad: 'Please choose a rating from 1 to 5.',
  },
  es: {
    title: '¿Cómo lo hicimos?',
    ask: 'Califique nuestra atención de 1 (mala) a 5 (excelente).',
    comment: '¿Algo que quiera contarnos? (opcional)',
    send: 'Enviar',
    thanks: '¡Gracias! Registramos su calificación.',
    already: 'Esta conversación ya fue calificada. ¡Gracias!',
    invalid: 'Este enlace de encuesta no es válido.',
    bad: 'Elija una calificación del 1 al 5.',
  },
  ar: {
    title: 'كيف كانت خدمتنا؟',
    ask: 'قيّم خدمتنا من 1 (سيئة) إلى 5 (ممتازة).',
    comment: 'هل تود إخبارنا بشيء؟ (اختياري)',
    send: 'إرسال',
    thanks: 'شكراً لك! تم تسجيل تقييمك.',
    already: 'تم تقييم هذه المحادثة من قبل. شكراً لك!',
    invalid: 'رابط الاستبيان هذا غير صالح.',
    bad: 'يرجى اختيار تقييم من 1 إلى 5.',
  },
};

const page = (
  lang: Language,
  body: string,
) => `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t[lang].title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
fieldset{border:0;padding:0;display:flex;gap:.75rem}textarea{width:100%;min-height:5rem}button{margin-top:1rem;padding:.5rem 1.5rem}</style>
</head><body>${body}</body></html>`;

const form = (lang: Language, token: string, error?: string) =>
  page(
    lang,
    `<h1>${t[lang].title}</h1>${error ? `<p role="alert">${error}</p>` : ''}<form method="post" action="/survey/${token}">
<p>${t[lang].ask}</p><fieldset>${[1, 2, 3, 4, 5]
      .map((n) => `<label><input type="radio" name="rating" value="${n}" required> ${n}</label>`)
      .join('')}</fieldset>
<p><label>${t[lang].comment}<br><textarea name="comment" maxlength="2000"></textarea></label></p>
<button type="submit">${t[lang].send}</button></form>`,
  );

const answer = z.object({
  rating: z.coerce.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});

export function surveyPage(app: express.Express, ctx: HubContext): void {
  const scopeOf = async (token: string) => {
    const id = openSurveyToken(ctx, token);
    const s = id ? await loadScope(ctx.db, id) : null;
    return s?.conversation.resolvedAt ? s : null;
  };
  const rated = async (conversationId: number) =>
    (
      await ctx.db
        .select({ id: conversationRatings.id })
        .from(conversationRatings)
        .where(eq(conversationRatings.conversationId, conversationId))
    ).length > 0;

  app.get('/survey/:token', async (req, res, next) => {
    try {
      const s = await scopeOf(req.params.token);
      if (!s)
        return void res
          .status(404)
          .type('html')
          .send(page('en', `<h1>${t.en.invalid}</h1>`));
      const lang = languageOf(s);
      if (await rated(s.conversation.id))
        return void res
          .status(409)
          .type('html')
          .send(page(lang, `<h1>${t[lang].already}</h1>`));
      res.type('html').send(form(lang, req.params.token));
    } catch (err) {
      next(err);
    }
  });
  app.post(
    '/survey/:token',
    express.urlencoded({ extended: false, limit: '16kb' }),
    express.json({ limit: '16kb' }),
    async (req, res, next) => {
      try {
        const s = await scopeOf(req.params.token);
        if (!s)
          return void res
            .status(404)
            .type('html')
            .send(page('en', `<h1>${t.en.invalid}</h1>`));
        const lang = languageOf(s);
        const parsed = answer.safeParse(req.body ?? {});
        if (!parsed.success)
          return void res
            .status(400)
            .type('html')
            .send(form(lang, req.params.token, t[lang].bad));
        const stored = await ctx.db.transaction((tx) =>
          storeRating(tx, s.conversation, parsed.data.rating, parsed.data.comment ?? null, 'link'),
        );
        if (!stored)
          return void res
            .status(409)
            .type('html')
            .send(page(lang, `<h1>${t[lang].already}</h1>`));
        res.type('html').send(page(lang, `<h1>${t[lang].thanks}</h1>`));
      } catch (err) {
        next(err);
      }
    },
  );
}
