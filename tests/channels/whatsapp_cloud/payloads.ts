// WhatsApp Cloud API webhook payloads in the shapes Meta documents them
// (developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples): one envelope
// (object → entry[] → changes[] → value with metadata and contacts) around messages[] or statuses[].
// Ids, numbers and names are made up; everything else is as Meta sends it.
import { createHmac } from 'node:crypto';

export const WABA_ID = '102290129340398';
export const PHONE_NUMBER_ID = '106540352242922';
export const DISPLAY_PHONE = '15550783881';

let seq = 0;
/** A fresh wamid, shaped like Meta's (base64 of the number and a key). */
export const wamid = () =>
  `wamid.${Buffer.from(`HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRB${Date.now()}${++seq}`).toString('base64')}`;

const ts = (d = new Date()) => String(Math.floor(d.getTime() / 1000));

export type Customer = { waId: string; name: string };

/** The envelope of a `messages` change for our phone number. */
export function envelope(value: Record<string, unknown>, phoneNumberId = PHONE_NUMBER_ID) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: DISPLAY_PHONE, phone_number_id: phoneNumberId },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** A customer's message of any type: `body` is the type's own object (`{text: {body}}`, `{image: {...}}` ...). */
export function incoming(
  from: Customer,
  type: string,
  body: Record<string, unknown>,
  extra: { id?: string; context?: Record<string, unknown>; phoneNumberId?: string } = {},
) {
  const id = extra.id ?? wamid();
  const payload = envelope(
    {
      contacts: [{ profile: { name: from.name }, wa_id: from.waId }],
      messages: [
        {
          ...(extra.context ? { context: extra.context } : {}),
          from: from.waId,
          id,
          timestamp: ts(),
          type,
          ...body,
        },
      ],
    },
    extra.phoneNumberId,
  );
  return { id, payload };
}

export const text = (from: Customer, body: string, extra?: Parameters<typeof incoming>[3]) =>
  incoming(from, 'text', { text: { body } }, extra);

export const image = (from: Customer, mediaId: string, caption?: string) =>
  incoming(from, 'image', {
    image: {
      ...(caption ? { caption } : {}),
      mime_type: 'image/png',
      sha256: 'N5S6Jmnx9Ul5Yi9RGt0M7vEBxUZMuDwVpgZp8YgS7Qc=',
      id: mediaId,
    },
  });

export const document = (from: Customer, mediaId: string, filename: string, caption?: string) =>
  incoming(from, 'document', {
    document: {
      ...(caption ? { caption } : {}),
      filename,
      mime_type: 'application/pdf',
      sha256: 'Hnc1yeMGlyaxd/UwUgUX4Du6ADpmmaVz7r5qZ0hD5ig=',
      id: mediaId,
    },
  });

export const voiceNote = (from: Customer, mediaId: string) =>
  incoming(from, 'audio', {
    audio: {
      mime_type: 'audio/ogg; codecs=opus',
      sha256: 'OHjTexW0fAk4pEhQ6SoZ1WT5bJ1aWvx2sMYfuT+vBDg=',
      id: mediaId,
      voice: true,
    },
  });

export const location = (from: Customer) =>
  incoming(from, 'location', {
    location: {
      address: 'Av. Arce 2519, La Paz',
      latitude: -16.5103,
      longitude: -68.1225,
      name: 'Acme Telecom store',
      url: 'https://acme.example/stores/arce',
    },
  });

export const contactsCard = (from: Customer) =>
  incoming(from, 'contacts', {
    contacts: [
      {
        addresses: [
          {
            city: 'Menlo Park',
            country: 'United States',
            country_code: 'us',
            state: 'CA',
            street: '1 Hacker Way',
            type: 'WORK',
            zip: '94025',
          },
        ],
        birthday: '2012-08-18',
        emails: [{ email: 'barbara.johnson@example.com', type: 'WORK' }],
        name: {
          first_name: 'Barbara',
          formatted_name: 'Barbara J. Johnson',
          last_name: 'Johnson',
          middle_name: 'Joana',
        },
        org: { company: 'Social Tsunami', department: 'Sales', title: 'Sales Manager' },
        phones: [
          { phone: '+1 (940) 555-1234', type: 'HOME' },
          { phone: '+1 (650) 555-1234', type: 'WORK', wa_id: '16505551234' },
        ],
        urls: [{ url: 'https://www.socialtsunami.example', type: 'WORK' }],
      },
    ],
  });

export const reaction = (from: Customer, target: string, emoji: string) =>
  incoming(from, 'reaction', { reaction: { message_id: target, emoji } });

export const buttonReply = (from: Customer, id: string, title: string, context?: Record<string, unknown>) =>
  incoming(
    from,
    'interactive',
    { interactive: { type: 'button_reply', button_reply: { id, title } } },
    context ? { context } : {},
  );

export const listReply = (from: Customer, id: string, title: string, description: string) =>
  incoming(from, 'interactive', {
    interactive: { type: 'list_reply', list_reply: { id, title, description } },
  });

export const unsupported = (from: Customer) =>
  incoming(from, 'unsupported', {
    errors: [
      {
        code: 131051,
        title: 'Message type unknown',
        message: 'Message type unknown',
        error_data: { details: 'Message type is currently not supported.' },
      },
    ],
  });

/** A receipt for a message we sent. */
export function status(
  messageId: string,
  state: 'sent' | 'delivered' | 'read' | 'failed',
  recipient: string,
  errors?: { code: number; title: string; message: string; details: string }[],
) {
  return envelope({
    statuses: [
      {
        id: messageId,
        status: state,
        timestamp: ts(),
        recipient_id: recipient,
        ...(state === 'failed'
          ? {
              errors: (errors ?? []).map((e) => ({
                code: e.code,
                title: e.title,
                message: e.message,
                error_data: { details: e.details },
                href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
              })),
            }
          : {
              conversation: {
                id: 'CONVERSATION_ID',
                origin: { type: 'service' },
                ...(state === 'sent' ? { expiration_timestamp: ts(new Date(Date.now() + 86_400_000)) } : {}),
              },
              pricing: { billable: true, pricing_model: 'PMP', category: 'service' },
            }),
      },
    ],
  });
}

/** The signature header Meta puts on a webhook, over the exact bytes sent. */
export const signature = (appSecret: string, raw: string) =>
  `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;

/** A 1×1 PNG, a one-page PDF and an Ogg page: real headers, so the hub's type sniffing recognises them. */
export const files = {
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
  pdf: Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  ),
  ogg: Buffer.concat([Buffer.from('OggS'), Buffer.alloc(24), Buffer.from('OpusHead'), Buffer.alloc(40, 1)]),
};
