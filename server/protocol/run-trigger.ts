// Runs the steps a trigger starts, in template order. Automatic steps that produce text are sent as ONE
// message (greeting + first identification question; follow-up + web-page invitation + survey link), so
// a customer gets one mail or chat bubble per moment and the hourly cap counts it once. Agent steps with
// a detection are ticked by the hub when it sees them happen; the rest wait on the agent's checklist.

import { and, desc, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationRatings, type Message, messages } from '#server/db/schema.ts';
import { capabilitiesOf } from '#server/inboxes/channel-facts.ts';
import { startFirstResponseClock } from '#server/routing/first-response.ts';
import type { ProtocolStep, StepTrigger } from '#shared/protocol.schema.ts';
import type { ChannelProtocol } from './channel-protocol.ts';
import { detects } from './detect.ts';
import { fill, languageOf, pick, textValues } from './fill-text.ts';
import { startIdentification } from './identification.ts';
import type { ProtocolScope } from './scope.ts';
import { sendAutomatic } from './send-automatic.ts';
import { setStep, stepsOf } from './step-state.ts';
import { surveyUrl } from './survey-token.ts';
import type { TriggerEvent } from './trigger-event.ts';

export async function runTrigger(
  ctx: HubContext,
  s: ProtocolScope,
  channel: ChannelProtocol | undefined,
  trigger: StepTrigger,
  e: TriggerEvent,
): Promise<void> {
  const state = await stepsOf(ctx.db, s.conversation.id);
  const language = languageOf(s);
  const values = await textValues(ctx.db, s.conversation, language);
  const parts: { step: ProtocolStep; text: string; data?: Record<string, unknown> }[] = [];
  const system = { type: 'system', id: null } as const;

  // Resolving and falling silent can happen again after a reopen: their steps run once per occurrence.
  const repeatable = trigger === 'resolved' || trigger === 'inactivity';
  for (const step of s.template.steps) {
    if (step.trigger !== trigger) continue;
    const row = state.get(step.key);
    const decided = row?.status === 'done' || row?.status === 'skipped';
    if (decided && !(repeatable && row.data.instance !== e.instance)) continue;
    if (e.detectOnly && step.kind !== 'agent') continue;
    if (step.kind === 'agent') {
      const by = await detects(ctx, s, step, e);
      if (by)
        await setStep(ctx.db, s.conversation, step.key, 'done', {
          by,
          onlyIfPending: true,
          data: { detected: step.detect },
        });
      continue;
    }
    switch (step.action) {
      case 'classify': {
        // The channel's classifier updates the conversation it is given (its category).
        const scoped = { ...s, message: e.message };
        // A channel without a classifier, or an inbox that turned it off: the step does not apply here.
        const outcome = channel?.classify ? await channel.classify(ctx, scoped) : 'turned_off';
        s.conversation = scoped.conversation;
        values.category = (await textValues(ctx.db, s.conversation, language)).category;
        if (outcome === 'turned_off')
          await setStep(ctx.db, s.conversation, step.key, 'skipped', {
            by: system,
            data: { reason: 'turned_off' },
          });
        else await setStep(ctx.db, s.conversation, step.key, outcome, { by: system });
        break;
      }
      case 'identification': {
        const question = await startIdentification(ctx, s, step, language, e.message ?? null);
        if (question) parts.push({ step, text: question, data: { started: true } });
        break;
      }
      case 'survey': {
        // Rated before this job ran (the widget asks at resolve time): the survey was answered; done.
        if (await rated(ctx, s.conversation.id)) {
          await setStep(ctx.db, s.conversation, step.key, 'done', {
            by: system,
            data: { mode: 'already_rated' },
          });
          break;
        }
        if (capabilitiesOf(s.inbox.channel).nativeSurvey) {
          // The channel asks in its own interface (the widget's stars on resolve); the hub's part is done.
          await setStep(ctx.db, s.conversation, step.key, 'done', { by: system, data: { mode: 'widget' } });
          break;
        }
        // A public thread (a Page comment, an X mention): a rating is asked in private channels only,
        // never under the customer's post for everyone to see (DOMAIN.md §1; issue 15).
        if (capabilitiesOf(s.inbox.channel).publicItems && (await publicThread(ctx, s.conversation.id))) {
          await setStep(ctx.db, s.conversation, step.key, 'skipped', {
            by: system,
            data: { reason: 'public_item', instance: e.instance },
          });
          break;
        }
        const link = surveyUrl(ctx, s.conversation.id);
        const text = pick(step.text, language) ?? `{survey.link}`;
        const mode = text.includes('{survey.link}') ? 'link' : 'reply';
        parts.push({ step, text: fill(text, { ...values, 'survey.link': link }), data: { mode } });
        break;
      }
      default: {
        // No automatic greeting under a public post (a Page comment, an X mention): it would answer
        // every commenter in front of everyone before a person read them; the agent's answer presents us.
        if (
          trigger === 'conversation_created' &&
          capabilitiesOf(s.inbox.channel).publicItems &&
          (await publicThread(ctx, s.conversation.id))
        ) {
          await setStep(ctx.db, s.conversation, step.key, 'skipped', {
            by: system,
            data: { reason: 'public_item' },
          });
          break;
        }
        const override = step.action ? channel?.inboxText?.(s.inbox, step.action) : undefined;
        if (override === false) {
          await setStep(ctx.db, s.conversation, step.key, 'skipped', {
            by: system,
            data: { reason: 'turned_off' },
          });
          break;
        }
        const text = override ?? pick(step.text, language);
        if (text) parts.push({ step, text: fill(text, values) });
      }
    }
  }
  if (!parts.length) return;

  const keys = parts.map((p) => p.step.key);
  // The loop guard reads the customer's latest message: never answer a machine automatically.
  const inReplyTo = e.message?.direction === 'in' ? e.message : await lastInbound(ctx, s.conversation.id);
  const outcome = await sendAutomatic(ctx, s, {
    name: keys.join('+'),
    key: `${e.instance}:${keys.join('+')}`,
    text: parts.map((p) => p.text).join('\n\n'),
    ...(inReplyTo ? { inReplyTo } : {}),
  });
  for (const p of parts) {
    const sent = outcome.sent || outcome.reason === 'already_sent';
    // The identification stays pending while its questions are answered (identification.ts).
    if (sent && p.step.action === 'identification') continue;
    // Its questions never reached the customer: nothing holds the first-response clock back.
    if (p.step.action === 'identification') {
      const arrived = s.conversation.firstCustomerMessageAt ?? ctx.clock.now();
      await startFirstResponseClock(ctx, null, s.conversation.id, arrived, 'not_asked');
    }
    await setStep(ctx.db, s.conversation, p.step.key, sent ? 'done' : 'skipped', {
      by: system,
      data: {
        ...(p.data ?? {}),
        ...(outcome.reason && !sent ? { reason: outcome.reason } : {}),
        sentAt: ctx.clock.now().toISOString(),
        instance: e.instance,
      },
      onlyIfPending: !repeatable,
    });
  }
}

async function lastInbound(ctx: HubContext, conversationId: number): Promise<Message | undefined> {
  const [last] = await ctx.db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'in')))
    .orderBy(desc(messages.id))
    .limit(1);
  return last;
}

async function rated(ctx: HubContext, conversationId: number): Promise<boolean> {
  const rows = await ctx.db
    .select({ id: conversationRatings.id })
    .from(conversationRatings)
    .where(eq(conversationRatings.conversationId, conversationId));
  return rows.length > 0;
}

/** Whether the customer's latest message is a public item (the thread is a comment or mention thread). */
async function publicThread(ctx: HubContext, conversationId: number): Promise<boolean> {
  const last = await lastInbound(ctx, conversationId);
  const social = last?.meta.social as { visibility?: unknown } | undefined;
  return social?.visibility === 'public';
}
