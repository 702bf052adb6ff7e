// The e-mail survey's link: /survey/<token>, the token sealed with the hub's key (AES-256-GCM, so it is
// authenticated: a changed character makes it unreadable). It names only the conversation it rates.
import type { HubContext } from '#server/context.ts';

type SurveyClaim = { survey: number };

/** The hub's public address: PUBLIC_URL, else the address it listens on. */
export function publicBaseUrl(ctx: HubContext): string {
  if (ctx.config.PUBLIC_URL) return ctx.config.PUBLIC_URL.replace(/\/$/, '');
  const host = ctx.config.HOST === '0.0.0.0' || ctx.config.HOST === '::' ? '127.0.0.1' : ctx.config.HOST;
  return `http://${host}:${ctx.widget.listeningPort() ?? ctx.config.PORT}`;
}

export function surveyUrl(ctx: HubContext, conversationId: number): string {
  const claim: SurveyClaim = { survey: conversationId };
  return `${publicBaseUrl(ctx)}/survey/${ctx.sealer.seal(claim)}`;
}

/** The conversation a survey token names, or null for anything tampered or malformed. */
export function openSurveyToken(ctx: HubContext, token: string): number | null {
  try {
    const claim = ctx.sealer.open<SurveyClaim>(token);
    return Number.isSafeInteger(claim.survey) && claim.survey > 0 ? claim.survey : null;
  } catch {
    return null;
  }
}
