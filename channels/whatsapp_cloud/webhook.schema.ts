// Meta's webhook payload for WhatsApp (developers.facebook.com/docs/whatsapp/cloud-api/webhooks), read at
// the edge. Only what the hub uses is named; Meta adds fields often, so unknown keys are let through. A
// message is read in two steps: its envelope (id, sender, type) must be there — without it there is
// nothing to store — while a body the hub cannot read still becomes a message saying so, never a loss.
import { z } from 'zod';

const timestamp = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number);

export const graphErrorItem = z.looseObject({
  code: z.number().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});
export type GraphErrorItem = z.infer<typeof graphErrorItem>;

const media = z.looseObject({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});
export type MediaRef = z.infer<typeof media>;

const sharedContact = z.looseObject({
  name: z
    .looseObject({
      formatted_name: z.string().optional(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
    })
    .optional(),
  phones: z
    .array(
      z.looseObject({
        phone: z.string().optional(),
        wa_id: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
  emails: z.array(z.looseObject({ email: z.string().optional(), type: z.string().optional() })).optional(),
  org: z
    .looseObject({
      company: z.string().optional(),
      department: z.string().optional(),
      title: z.string().optional(),
    })
    .optional(),
  urls: z.array(z.looseObject({ url: z.string().optional(), type: z.string().optional() })).optional(),
  addresses: z
    .array(
      z.looseObject({
        street: z.string().optional(),
        city: z.string().optional(),
        state: z.string().optional(),
        zip: z.string().optional(),
        country: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
  birthday: z.string().optional(),
});
export type SharedContact = z.infer<typeof sharedContact>;

/** What every message has: enough to store it once, in the right conversation. */
export const messageEnvelope = z.looseObject({
  id: z.string().min(1),
  from: z.string().regex(/^\d{4,20}$/, 'a WhatsApp id (digits)'),
  timestamp,
  type: z.string().min(1),
});

export const messageBody = z.looseObject({
  context: z
    .looseObject({
      id: z.string().optional(),
      from: z.string().optional(),
      forwarded: z.boolean().optional(),
      frequently_forwarded: z.boolean().optional(),
    })
    .optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: media.optional(),
  video: media.optional(),
  audio: media.optional(),
  document: media.optional(),
  sticker: media.optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
      url: z.string().optional(),
    })
    .optional(),
  contacts: z.array(sharedContact).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
      list_reply: z
        .looseObject({ id: z.string(), title: z.string(), description: z.string().optional() })
        .optional(),
      nfm_reply: z
        .looseObject({
          name: z.string().optional(),
          body: z.string().optional(),
          response_json: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  button: z.looseObject({ text: z.string(), payload: z.string().optional() }).optional(),
  reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }).optional(),
  system: z.looseObject({ body: z.string().optional(), type: z.string().optional() }).optional(),
  errors: z.array(graphErrorItem).optional(),
});
export type MessageBody = z.infer<typeof messageBody>;

export const statusItem = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: timestamp.optional(),
  recipient_id: z.string().optional(),
  errors: z.array(graphErrorItem).optional(),
});
export type StatusItem = z.infer<typeof statusItem>;

/** The `value` of a change whose `field` is `messages`. */
export const messagesValue = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ phone_number_id: z.string(), display_phone_number: z.string().optional() }),
  contacts: z
    .array(
      z.looseObject({
        wa_id: z.string().optional(),
        profile: z.looseObject({ name: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(statusItem).optional(),
});
export type MessagesValue = z.infer<typeof messagesValue>;

export const webhookPayload = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id: z.string().optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
});
