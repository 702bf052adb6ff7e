// The identification step (DOMAIN.md §2: Fijacom number, name, national id) as questions and answers in
// the channel: the hub asks the first missing field, the customer's next message answers it (validated;
// an invalid answer is asked again with the reason), then the next field. Answers land on the contact
// (name → contacts.name, the rest → contacts.attributes). The answers are ordinary stored messages —
// nothing the customer writes is lost. Fields the contact already has (web chat's pre-chat form) are not
// asked; with all of them the step is done at once. After three invalid answers to one field, or once an
// agent has answered, the hub stops asking and leaves the step to the agent's checklist. Whenever the
// questions end, the first-response clock starts (server/routing/first-response.ts).
import { eq, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { type Contact, contacts, type Message } from '#server/db/schema.ts';
import { startFirstResponseClock } from '#server/routing/first-response.ts';
import type { IdentificationField, Language, ProtocolStep } from '#shared/protocol.schema.ts';
import { languageOf, pick } from './fill-text.ts';
import type { ProtocolScope } from './scope.ts';
import { sendAutomatic } from './send-automatic.ts';
import { mergeStepData, setStep, stepsOf } from './step-state.ts';

const MAX_ATTEMPTS = 3;

const phrases: Record<Language, { ask: string; invalid: string; thanks: string }> = {
  en: {
    ask: 'Please tell us {label}.',
    invalid: '“{value}” is not valid for {label}. Please send it again.',
    thanks: 'Thank you. An advisor will be with you shortly.',
  },
  es: {
    ask: 'Por favor, indíquenos {label}.',
    invalid: '«{value}» no es válido como {label}. Por favor, envíelo de nuevo.',
    thanks: 'Gracias. Un asesor le atenderá en breve.',
  },
  ar: {
    ask: 'من فضلك أرسل {label}.',
    invalid: '«{value}» غير صالح لـ {label}. يرجى إرساله مرة أخرى.',
    thanks: 'شكراً لك. سيتواصل معك أحد المستشارين قريباً.',
  },
};

const say = (template: string, values: Record<string, string>) =>
  template.replace(/\{(label|value)\}/g, (_, k: string) => values[k]);

const labelOf = (f: IdentificationField, language: Language) => pick(f.label, language) ?? f.key;

function has(contact: Contact, key: string): boolean {
  const v = key === 'name' ? contact.name : contact.attributes[key];
  return typeof v === 'string' && v.trim().length > 0;
}

function valid(f: IdentificationField, raw: string): string | null {
  const value = raw.trim();
  if (!value || value.length > 200) return null;
  if (f.pattern) return new RegExp(`^(?:${f.pattern})$`, 'u').test(value) ? value : null;
  if (f.key === 'name') return /\p{L}{2,}/u.test(value) && value.length <= 120 ? value : null;
  return value;
}

async function contactOf(ctx: HubContext, s: ProtocolScope): Promise<Contact | undefined> {
  const [c] = await ctx.db.select().from(contacts).where(eq(contacts.id, s.conversation.contactId));
  return c;
}

const missing = (step: ProtocolStep, c: Contact) => (step.fields ?? []).filter((f) => !has(c, f.key));

/** Starts the step: the first question's text (sent by the caller with the greeting), or null when done. */
export async function startIdentification(
  ctx: HubContext,
  s: ProtocolScope,
  step: ProtocolStep,
  language: Language,
  after: Message | null,
): Promise<string | null> {
  const contact = await contactOf(ctx, s);
  const next = contact ? missing(step, contact)[0] : undefined;
  if (!contact || !next) {
    await setStep(ctx.db, s.conversation, step.key, 'done', {
      by: { type: 'contact', id: s.conversation.contactId },
      data: { prefilled: true },
    });
    // Nothing to ask: the customer has waited for a person since their first message.
    const arrived = s.conversation.firstCustomerMessageAt ?? after?.createdAt ?? ctx.clock.now();
    await startFirstResponseClock(ctx, null, s.conversation.id, arrived, 'already_known');
    return null;
  }
  await setStep(ctx.db, s.conversation, step.key, 'pending', {
    by: null,
    data: { asking: next.key, attempts: 0, askedAfter: after?.id ?? 0 },
  });
  return say(phrases[language].ask, { label: labelOf(next, language) });
}

/** A customer's message while a question is open: true when it was taken as the answer. */
export async function answerIdentification(
  ctx: HubContext,
  s: ProtocolScope,
  message: Message,
): Promise<boolean> {
  const step = s.template.steps.find((x) => x.action === 'identification' && x.kind === 'automatic');
  if (!step || message.text === null) return false;
  const state = (await stepsOf(ctx.db, s.conversation.id)).get(step.key);
  const data = state?.data as { asking?: string; attempts?: number; askedAfter?: number } | undefined;
  if (state?.status !== 'pending' || !data?.asking || message.id <= (data.askedAfter ?? 0)) return false;
  const field = step.fields?.find((f) => f.key === data.asking);
  if (!field) return false;
  // Once an agent answers in public the conversation is theirs: the customer now talks to them, and the
  // rest of the identification is the agent's to ask (and tick).
  if (s.conversation.firstAgentReplyAt) {
    await mergeStepData(ctx.db, s.conversation, step.key, { asking: null, handedOver: true });
    await startFirstResponseClock(ctx, null, s.conversation.id, message.createdAt, 'taken_over');
    return false;
  }
  const language = languageOf(s);
  const t = phrases[language];
  const ask = (text: string) =>
    sendAutomatic(ctx, s, { name: step.key, key: `${step.key}:${message.id}`, text, inReplyTo: message });

  const value = valid(field, message.text);
  if (value === null) {
    const attempts = (data.attempts ?? 0) + 1;
    if (attempts >= MAX_ATTEMPTS) {
      await setStep(ctx.db, s.conversation, step.key, 'pending', {
        by: null,
        data: { asking: null, gaveUp: field.key },
      });
      await startFirstResponseClock(ctx, null, s.conversation.id, message.createdAt, 'gave_up');
      return true;
    }
    await mergeStepData(ctx.db, s.conversation, step.key, { attempts, askedAfter: message.id });
    await ask(say(t.invalid, { value: message.text.trim().slice(0, 60), label: labelOf(field, language) }));
    return true;
  }

  const stored = field.key === 'nationalId' ? value.toUpperCase() : value;
  const [contact] = await ctx.db
    .update(contacts)
    .set(
      field.key === 'name'
        ? { name: stored, updatedAt: new Date() }
        : {
            attributes: sql`${contacts.attributes} || ${JSON.stringify({ [field.key]: stored })}::jsonb`,
            updatedAt: new Date(),
          },
    )
    .where(eq(contacts.id, s.conversation.contactId))
    .returning();
  const next = missing(step, contact)[0];
  if (!next) {
    await setStep(ctx.db, s.conversation, step.key, 'done', {
      by: { type: 'contact', id: contact.id },
      data: { asking: null, answeredAt: ctx.clock.now().toISOString() },
    });
    // The last answer is in: from now on the customer waits for a person (routing/first-response.ts).
    await startFirstResponseClock(ctx, null, s.conversation.id, message.createdAt, 'identified');
    await ask(t.thanks);
    return true;
  }
  await mergeStepData(ctx.db, s.conversation, step.key, {
    asking: next.key,
    attempts: 0,
    askedAfter: message.id,
  });
  await ask(say(t.ask, { label: labelOf(next, language) }));
  return true;
}
