// Wire shapes of the sales desk (issue 17, DOMAIN.md §3): campaigns, their portfolio and its imports, the
// advisor's work on one entry at a time (the two checks, the call's outcome) and the sales it opens.
// Shared by the hub and the console; the enums are also the database's (server/db/sales-schema.ts).
import { z } from 'zod';
import { idParam } from './api.schema.ts';

export const campaignStatuses = ['active', 'paused', 'closed'] as const;
export const importStatuses = ['running', 'done', 'failed'] as const;
/**
 * pending: waiting for an advisor (again, after an unanswered call, once its retry time comes);
 * in_progress: an advisor holds it; callback: the customer asked to be called at a time, by the same
 * advisor; skipped: a check failed (impediment, no technical capacity); unreached: no answer after the
 * campaign's attempts; declined / accepted: the call's outcome (accepted opened a sale).
 */
export const entryStatuses = [
  'pending',
  'in_progress',
  'callback',
  'skipped',
  'unreached',
  'declined',
  'accepted',
] as const;
export const callOutcomes = ['no_answer', 'callback', 'declined', 'accepted'] as const;
export const technologies = ['copper', 'fibre'] as const;
export const saleStatuses = [
  'awaiting_documents',
  'documents_complete',
  'registered',
  'returned',
  'approved',
  'installed',
  'cancelled',
] as const;

const name = z.string().trim().min(1).max(120);
const day = z.iso.date();

/** An approved WhatsApp template (Cloud API) that asks for the documents; its body takes {{1}} name, {{2}} product. */
export const documentsTemplate = z.object({
  name: z.string().trim().min(1).max(512),
  language: z.string().trim().min(2).max(15),
});

/** Where and how an accepted customer is asked for the CI photo and the signed letter. */
const documentsRequest = {
  documentsInboxId: idParam.nullable().optional(),
  documentsTemplate: documentsTemplate.nullable().optional(),
  fallbackInboxId: idParam.nullable().optional(),
  documentsText: z.string().trim().min(1).max(2000).nullable().optional(),
};

export const campaignBody = z
  .object({
    name,
    description: z.string().trim().max(2000).nullable().optional(),
    products: z.array(z.string().trim().min(1).max(120)).max(50).default([]),
    promotions: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    teamId: idParam.nullable().optional(),
    startsOn: day.nullable().optional(),
    endsOn: day.nullable().optional(),
    /** Calls that find nobody before the entry is closed as unreached. */
    maxAttempts: z.number().int().min(1).max(20).optional(),
    ...documentsRequest,
  })
  .refine((b) => !b.startsOn || !b.endsOn || b.startsOn <= b.endsOn, {
    message: 'the campaign ends before it starts',
    path: ['endsOn'],
  });
export type CampaignBody = z.input<typeof campaignBody>;

export const campaignPatch = z
  .object({
    name: name.optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    products: z.array(z.string().trim().min(1).max(120)).max(50).optional(),
    promotions: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
    teamId: idParam.nullable().optional(),
    startsOn: day.nullable().optional(),
    endsOn: day.nullable().optional(),
    maxAttempts: z.number().int().min(1).max(20).optional(),
    status: z.enum(campaignStatuses).optional(),
    ...documentsRequest,
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });
export type CampaignPatch = z.infer<typeof campaignPatch>;

export const campaignJson = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    products: z.array(z.string()),
    promotions: z.array(z.string()),
    teamId: z.string().nullable(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    status: z.enum(campaignStatuses),
    maxAttempts: z.number(),
    documentsInboxId: z.string().nullable(),
    documentsTemplate: documentsTemplate.nullable(),
    fallbackInboxId: z.string().nullable(),
    /** The request's text as sent ({{name}} and {{product}} filled in): the campaign's, or the default. */
    documentsText: z.string(),
    /** Entries by status. */
    entries: z.partialRecord(z.enum(entryStatuses), z.number()),
    createdAt: z.string(),
  })
  .meta({ id: 'Campaign' });
export type CampaignJson = z.infer<typeof campaignJson>;

export const refusedLineJson = z.object({
  line: z.number(),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});

export const portfolioImportJson = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    fileName: z.string(),
    status: z.enum(importStatuses),
    /** Accepted rows to store, and how many of them are stored so far (the progress bar). */
    total: z.number(),
    processed: z.number(),
    added: z.number(),
    alreadyThere: z.number(),
    matchedContacts: z.number(),
    refused: z.array(refusedLineJson),
    /** Which column of the file was read as which field. */
    columns: z.unknown(),
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'PortfolioImport' });
export type PortfolioImportJson = z.infer<typeof portfolioImportJson>;

/**
 * A sale changed or needs someone (socket `sale:event`): its advisor, the Virtual Channels officers and the
 * account's supervisors hear it. `type`: updated, handover_warning (the 24 hours run out soon),
 * handover_breached (they ran out before the officer approved it), returned (to the advisor, with reasons).
 */
export type SaleSocketEvent = {
  type: 'updated' | 'handover_warning' | 'handover_breached' | 'returned';
  saleId: string;
  status: (typeof saleStatuses)[number];
  handoverDueAt: string | null;
  [detail: string]: unknown;
};

/** An import's progress, pushed to whoever started it as the worker goes (socket `portfolio:import`). */
export type PortfolioImportProgress = Omit<PortfolioImportJson, 'refused' | 'columns'> & {
  refusedCount: number;
};

export const entryJson = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    contactId: z.string(),
    name: z.string(),
    nationalId: z.string().nullable(),
    phones: z.array(z.string()),
    serviceNumber: z.string().nullable(),
    address: z.string().nullable(),
    attributes: z.record(z.string(), z.string()),
    status: z.enum(entryStatuses),
    advisorId: z.string().nullable(),
    takenAt: z.string().nullable(),
    impediment: z.string().nullable(),
    technology: z.enum(technologies).nullable(),
    capacity: z.boolean().nullable(),
    outcome: z.enum(callOutcomes).nullable(),
    outcomeReason: z.string().nullable(),
    product: z.string().nullable(),
    callbackAt: z.string().nullable(),
    /** After an unanswered call: not offered again before then. */
    availableAt: z.string().nullable(),
    attempts: z.number(),
    saleId: z.string().nullable(),
    sourceLine: z.number().nullable(),
  })
  .meta({ id: 'PortfolioEntry' });
export type EntryJson = z.infer<typeof entryJson>;

/** Steps 2 and 3 of the procedure: impediments in the CRM, and technical capacity by technology. */
export const entryChecksBody = z.object({
  /** null: no impediment; otherwise which one (the entry is skipped with it). */
  impediment: z.string().trim().min(1).max(500).nullable(),
  technology: z.enum(technologies),
  /** Whether the network has capacity for the requested service on that technology. */
  capacity: z.boolean(),
});
export type EntryChecksBody = z.infer<typeof entryChecksBody>;

export const callOutcomeBody = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('no_answer'), note: z.string().trim().max(500).optional() }),
  z.object({
    outcome: z.literal('callback'),
    callbackAt: z.iso.datetime({ offset: true }),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({ outcome: z.literal('declined'), reason: z.string().trim().min(1).max(500) }),
  z.object({
    outcome: z.literal('accepted'),
    product: z.string().trim().min(1).max(120),
    note: z.string().trim().max(500).optional(),
  }),
]);
export type CallOutcomeBody = z.infer<typeof callOutcomeBody>;

export const entriesQuery = z.object({
  status: z.enum(entryStatuses).optional(),
  advisorId: idParam.optional(),
  cursor: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const saleJson = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    entryId: z.string(),
    contactId: z.string(),
    /** The customer's name as the portfolio has it. */
    customerName: z.string(),
    advisorId: z.string(),
    advisorName: z.string(),
    product: z.string(),
    status: z.enum(saleStatuses),
    conversationId: z.string().nullable(),
    crmOrder: z.string().nullable(),
    registeredAt: z.string().nullable(),
    handoverDueAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    installedAt: z.string().nullable(),
    termsMailedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Sale' });
export type SaleJson = z.infer<typeof saleJson>;

export const salesQuery = z.object({
  status: z.enum(saleStatuses).optional(),
  campaignId: idParam.optional(),
  advisorId: idParam.optional(),
  cursor: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const saleEventJson = z.object({
  id: z.string(),
  type: z.string(),
  actorId: z.string().nullable(),
  /** Who took the step, by name (null for the hub's own steps: timers, webhooks). */
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type SaleEventJson = z.infer<typeof saleEventJson>;

export const documentSlotNames = ['ci_front', 'ci_back', 'letter'] as const;
export const documentStatuses = ['received', 'accepted', 'rejected'] as const;

export const saleDocumentJson = z
  .object({
    id: z.string(),
    slot: z.enum(documentSlotNames),
    status: z.enum(documentStatuses),
    attachment: z.object({
      id: z.string(),
      name: z.string(),
      mime: z.string(),
      size: z.number(),
      url: z.string(),
    }),
    messageId: z.string().nullable(),
    review: z.record(z.string(), z.unknown()).nullable(),
    reviewedById: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'SaleDocument' });
export type SaleDocumentJson = z.infer<typeof saleDocumentJson>;

/** The advisor's review of one part: the CI (both sides) or the letter, item by item from the checklist. */
export const documentReviewBody = z.object({
  part: z.enum(['ci', 'letter']),
  answers: z.record(z.string().max(60), z.boolean()),
  /** The CI's expiry date as printed on it (required to tick "not expired"). */
  expiresOn: day.optional(),
  note: z.string().trim().max(1000).optional(),
});
export type DocumentReviewBody = z.infer<typeof documentReviewBody>;

/** A file put in another slot than the one the hub guessed. */
export const documentSlotBody = z.object({ slot: z.enum(documentSlotNames) });
