// The identification step (DOMAIN.md §2: Fijacom number, name, national id) as questions and answers in
// the channel: the hub asks the first missing field, the customer's next message answers it (validated;
// an invalid answer is asked again with the reason), then the next field. Answers land on the contact
// (name → contacts.name, the rest → contacts.attributes). The answers are ordinary stored messages —
// nothing the customer writes is lost. Fields the contact already has (web chat's pre-chat form) are not
// asked; with all of them the step is done at once. A field the template marks `required: false` can be
// passed over: "I don't have it", or an answer it cannot take, moves on to the next one.
//
// The questions never hold a customer hostage. They end, and an agent takes over with the reason in the
// step's data (`handedOver`, `reason`, `field`) for the console to show, when:
// - the customer asks for a person ("quiero hablar con un asesor", "agent please") — `asked_for_person`;
// - the customer says they cannot give a required field ("no tengo, todavía no soy cliente",
//   "I don't know it") — `cannot_answer`;
// - three answers to one field were invalid — `invalid_answers`;
// - an agent has answered in public already — `agent_replied`.
// The customer is told a person is coming (except in the last case, where one already has). Whenever the
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

const phrases: Record<Language, { ask: string; invalid: string; thanks: string; handOver: string }> = {
  en: {
    ask: 'Please tell us {label}.',
    invalid: '“{value}” is not valid for {label}. Please send it again.',
    thanks: 'Thank you. An advisor will be with you shortly.',
    handOver: 'No problem: an advisor will be with you shortly.',
  },
  es: {
    ask: 'Por favor, indíquenos {label}.',
    invalid: '«{value}» no es válido como {label}. Por favor, envíelo de nuevo.',
    thanks: 'Gracias. Un asesor le atenderá en breve.',
    handOver: 'No hay problema: un asesor le atenderá en breve.',
  },
  ar: {
    ask: 'من فضلك أرسل {label}.',
    invalid: '«{value}» غير صالح لـ {label}. يرجى إرساله مرة أخرى.',
    thanks: 'شكراً لك. سيتواصل معك أحد المستشارين قريباً.',
    handOver: 'لا مشكلة: سيتواصل معك أحد المستشارين قريباً.',
  },
};

/** Why the questions ended before the last answer; the console says it to the agent who takes over. */
export type HandOverReason = 'asked_for_person' | 'cannot_answer' | 'invalid_answers' | 'agent_replied';

// Whole words in any script: JavaScript's \b knows only ASCII letters ("asesoría" is not "asesor").
const words = (alternatives: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'iu');
/** The customer wants a person, in Spanish, English or Arabic. */
const asksForPerson = words(
  [
    'asesora?',
    'agente',
    'operador(?:a)?',
    'humano',
    'ejecutiv[oa]',
    'una persona',
    'persona real',
    'hablar con (?:alguien|una persona|un asesor)',
    'agent',
    'human',
    'representative',
    'operator',
    'a person',
    'real person',
    'someone real',
    'talk to (?:someone|somebody)',
    'موظف',
    'مستشار',
    'إنسان',
    'شخص حقيقي',
    'خدمة العملاء',
  ].join('|'),
);
/** The customer says they cannot give what was asked (a prospect has no customer number). */
const cannotAnswer = words(
  [
    'no (?:lo |la )?(?:tengo|s[ée]|recuerdo|conozco)',
    'no tengo',
    'no soy cliente',
    '(?:todav[ií]a|a[uú]n) no soy',
    'no cuento con',
    "(?:i )?(?:don[’']?t|do not) (?:have|know|remember)",
    'no idea',
    'not (?:yet )?a (?:customer|client)',
    "i[’']?m not a (?:customer|client)",
    'لا أملك',
    'لا أعرف',
    'ليس لدي',
    'لست عميلا',
    'لست عميلاً',
  ].join('|'),
);

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

/** The fields still to ask: not known on the contact, and not passed over by the customer (optional ones). */
const missing = (step: ProtocolStep, c: Contact, skipped: readonly string[] = []) =>
  (step.fields ?? []).filter((f) => !has(c, f.key) && !skipped.includes(f.key));

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

type StepData = { asking?: string; attempts?: number; askedAfter?: number; skipped?: string[] };

/** A customer's message while a question is open: true when it was taken as the answer. */
export async function answerIdentification(
  ctx: HubContext,
  s: ProtocolScope,
  message: Message,
): Promise<boolean> {
  const step = s.template.steps.find((x) => x.action === 'identification' && x.kind === 'automatic');
  if (!step || message.text === null) return false;
  const state = (await stepsOf(ctx.db, s.conversation.id)).get(step.key);
  const data = state?.data as StepData | undefined;
  if (state?.status !== 'pending' || !data?.asking || message.id <= (data.askedAfter ?? 0)) return false;
  const field = step.fields?.find((f) => f.key === data.asking);
  if (!field) return false;
  const language = languageOf(s);
  const t = phrases[language];
  const ask = (text: string) =>
    sendAutomatic(ctx, s, { name: step.key, key: `${step.key}:${message.id}`, text, inReplyTo: message });
  const handOver = async (reason: HandOverReason) => {
    await setStep(ctx.db, s.conversation, step.key, 'pending', {
      by: null,
      data: { ...data, asking: null, handedOver: true, reason, field: field.key },
    });
    const clock = reason === 'agent_replied' ? 'taken_over' : reason;
    await startFirstResponseClock(ctx, null, s.conversation.id, message.createdAt, clock);
    if (reason !== 'agent_replied') await ask(t.handOver);
  };
  // Once an agent answers in public the conversation is theirs: the customer now talks to them, and the
  // rest of the identification is the agent's to ask (and tick).
  if (s.conversation.firstAgentReplyAt) {
    await handOver('agent_replied');
    return false;
  }
  const text = message.text.trim();
  const skipped = data.skipped ?? [];
  // Asked for a person: the questions end now, whatever the field.
  if (asksForPerson.test(text)) {
    await handOver('asked_for_person');
    return true;
  }
  const value = cannotAnswer.test(text) ? null : valid(field, text);
  if (value === null && field.required === false) {
    // An optional field the customer cannot or will not give: on to the next question.
    const [contact] = await ctx.db.select().from(contacts).where(eq(contacts.id, s.conversation.contactId));
    await askNext(ctx, s, step, contact, [...skipped, field.key], message, ask, t);
    return true;
  }
  if (value === null) {
    if (cannotAnswer.test(text)) {
      await handOver('cannot_answer');
      return true;
    }
    const attempts = (data.attempts ?? 0) + 1;
    if (attempts >= MAX_ATTEMPTS) {
      await handOver('invalid_answers');
      return true;
    }
    await mergeStepData(ctx.db, s.conversation, step.key, { attempts, askedAfter: message.id });
    await ask(say(t.invalid, { value: text.slice(0, 60), label: labelOf(field, language) }));
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
  await askNext(ctx, s, step, contact, skipped, message, ask, t);
  return true;
}

/** After an answer (or a field passed over): the next question, or the end of the step with thanks. */
async function askNext(
  ctx: HubContext,
  s: ProtocolScope,
  step: ProtocolStep,
  contact: Contact,
  skipped: string[],
  message: Message,
  ask: (text: string) => Promise<unknown>,
  t: (typeof phrases)[Language],
): Promise<void> {
  const next = missing(step, contact, skipped)[0];
  if (!next) {
    await setStep(ctx.db, s.conversation, step.key, 'done', {
      by: { type: 'contact', id: contact.id },
      data: { asking: null, skipped, answeredAt: ctx.clock.now().toISOString() },
    });
    // The last answer is in: from now on the customer waits for a person (routing/first-response.ts).
    await startFirstResponseClock(ctx, null, s.conversation.id, message.createdAt, 'identified');
    await ask(t.thanks);
    return;
  }
  await mergeStepData(ctx.db, s.conversation, step.key, {
    asking: next.key,
    attempts: 0,
    askedAfter: message.id,
    skipped,
  });
  await ask(say(t.ask, { label: labelOf(next, languageOf(s)) }));
}
