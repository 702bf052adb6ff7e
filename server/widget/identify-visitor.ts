// identify — the pre-chat form's answers, checked against the inbox's pre-chat fields (required, type,
// pattern, select options) and landed on the visitor's contact: name, e-mail and phone (E.164) in their
// columns, the national id ("CI"), service number and custom fields in contact.attributes.
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { contacts, inboxes } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { toE164 } from '#shared/phone.ts';
import type { IdentifyBody, PreChatField } from '#shared/widget.schema.ts';
import { ensureVisitorContact, type VisitorScope, visitorContactJson } from './visitor.ts';
import { readWidgetSettings } from './widget-settings.ts';

const standard = { name: 'text', email: 'email', phone: 'tel', nationalId: 'ci' } as const;
type StandardKey = keyof typeof standard;
const isStandard = (k: string): k is StandardKey => k in standard;

// A Bolivian carnet: digits, optionally a duplicate suffix (1234567-1B) or the issuing department (LP).
const CI = /^\d{4,10}(-?[0-9A-Z]{1,3})?( ?[A-Z]{2})?$/i;
// Fijacom and fixed-line service numbers: 7 digits (DOMAIN.md §2).
const SERVICE_NUMBER = /^\d{7}$/;

const invalid = (field: string, message: string) =>
  new AppError('validation_failed', message, { details: { field } });

function check(f: PreChatField, raw: string, phoneCountry: string | undefined): string {
  const label = f.label ?? f.key;
  const value = raw.trim();
  if (f.pattern && !new RegExp(`^(?:${f.pattern})$`, 'u').test(value)) {
    throw invalid(f.key, `${label} is not in the expected format`);
  }
  switch (f.type) {
    case 'email':
      if (!z.email().safeParse(value).success) throw invalid(f.key, `${label} is not an e-mail address`);
      return value.toLowerCase();
    case 'tel': {
      const e164 = toE164(value, phoneCountry as Parameters<typeof toE164>[1]);
      if (!e164) throw invalid(f.key, `${label} is not a phone number`);
      return e164;
    }
    case 'ci':
      if (!f.pattern && !CI.test(value)) throw invalid(f.key, `${label} is not a national id number`);
      return value.toUpperCase();
    case 'service_number':
      if (!f.pattern && !SERVICE_NUMBER.test(value)) throw invalid(f.key, `${label} must be 7 digits`);
      return value;
    case 'select':
      if (!f.options?.includes(value)) throw invalid(f.key, `${label} must be one of the options`);
      return value;
    default:
      return value;
  }
}

/** The validated answers: contact columns and attributes. */
export function validateIdentify(
  settings: ReturnType<typeof readWidgetSettings>,
  body: IdentifyBody,
): { columns: { name?: string; email?: string; phone?: string }; attributes: Record<string, string> } {
  const configured = settings.preChat?.enabled ? settings.preChat.fields : [];
  const byKey = new Map(configured.map((f) => [f.key, f]));
  const given = new Map<string, string>();
  for (const [k, v] of Object.entries(body.fields ?? {})) {
    if (!byKey.has(k) && !isStandard(k)) throw invalid(k, `${k} is not a field of this form`);
    given.set(k, v);
  }
  for (const k of Object.keys(standard) as StandardKey[]) if (body[k] !== undefined) given.set(k, body[k]!);

  const columns: { name?: string; email?: string; phone?: string } = {};
  const attributes: Record<string, string> = {};
  const fields: PreChatField[] = [
    ...configured,
    ...(Object.keys(standard) as StandardKey[])
      .filter((k) => !byKey.has(k))
      .map((k) => ({ key: k, type: standard[k], required: false })),
  ];
  for (const f of fields) {
    const raw = given.get(f.key);
    if (raw === undefined || raw.trim() === '') {
      if (f.required) throw invalid(f.key, `${f.label ?? f.key} is required`);
      continue;
    }
    const value = check(f, raw, settings.phoneCountry);
    if (f.key === 'name' || f.key === 'email' || f.key === 'phone') columns[f.key] = value;
    else attributes[f.key] = value;
  }
  return { columns, attributes };
}

export async function identifyVisitor(ctx: HubContext, v: VisitorScope, body: IdentifyBody) {
  const [inbox] = await ctx.db
    .select({ settings: inboxes.settings })
    .from(inboxes)
    .where(eq(inboxes.id, v.inboxId));
  const { columns, attributes } = validateIdentify(readWidgetSettings(inbox?.settings ?? {}), body);
  const contact = await ctx.db.transaction(async (tx) => {
    const c = await ensureVisitorContact(tx, v);
    const [updated] = await tx
      .update(contacts)
      .set({
        ...columns,
        attributes: sql`${contacts.attributes} || ${JSON.stringify(attributes)}::jsonb`,
        updatedAt: new Date(),
      })
      .where(eq(contacts.id, c.id))
      .returning();
    return updated;
  });
  return { contact: visitorContactJson(contact) };
}
