// "Reply 1–5": on channels without a survey form (WhatsApp, Messenger, X) the survey is a question in the
// chat, and the customer's next message on the resolved conversation, within the template's survey
// window, is its answer when it reads as one: "4", "4 estrellas", "٤", "5 - great service" (rating 5,
// comment "great service"). It is stored on the resolved conversation, which stays resolved. Anything
// else ("hola de nuevo") is not taken, and reopens the conversation as before.
import { and, eq, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationSteps } from '#server/db/schema.ts';
import type { ResolvedReplyHandler } from '#server/events/domain-events.ts';
import { loadScope } from './scope.ts';
import { setStep } from './step-state.ts';
import { storeRating } from './store-rating.ts';

const RATING =
  /^([1-5])(?![\d.,]\d)\s*(?:(?:\/\s*5|de\s+5|out\s+of\s+5|estrellas?|stars?|نجوم|نجمة|[⭐★]+)\s*)?(?:$|[-–—:,.!)]\s*(.*))$/isu;

/** Arabic-Indic and Persian digits read as their ASCII value. */
const asciiDigits = (s: string) =>
  s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.codePointAt(0)! - 0x0660) % 0x90));

export function parseRating(text: string | null): { rating: number; comment: string | null } | null {
  if (!text) return null;
  const m = RATING.exec(asciiDigits(text.trim()));
  if (!m) return null;
  const comment = m[2]?.trim() || null;
  return { rating: Number(m[1]), comment };
}

export function surveyReplyHandler(ctx: HubContext): ResolvedReplyHandler {
  return async (tx, e) => {
    if (e.conversation.status !== 'resolved' || !e.conversation.resolvedAt) return false;
    const answer = parseRating(e.text);
    if (!answer) return false;
    const [asked] = await tx
      .select()
      .from(conversationSteps)
      .where(
        and(
          eq(conversationSteps.conversationId, e.conversation.id),
          eq(conversationSteps.status, 'done'),
          sql`${conversationSteps.data}->>'mode' = 'reply'`,
        ),
      );
    if (!asked) return false;
    const scope = await loadScope(tx, e.conversation.id);
    const windowMs = (scope?.template.settings.surveyWindowHours ?? 24) * 3_600_000;
    if (ctx.clock.now().getTime() - e.conversation.resolvedAt.getTime() > windowMs) return false;
    const stored = await storeRating(tx, e.conversation, answer.rating, answer.comment, 'reply');
    if (!stored) return false;
    await setStep(tx, e.conversation, asked.stepKey, 'done', {
      by: { type: 'contact', id: e.conversation.contactId },
      data: { rating: answer.rating },
    });
    return true;
  };
}
