// Wire shapes of follow-ups and compensation (QP-14, issue 18 items 3–4): a follow-up of a complaint,
// claim or scheduled visit with its owner, team, due date and status; its events (who, when); and the
// compensation's steps (estimated → credited → told → closed). The enums are also the database's
// (server/db/followup-schema.ts).
import { z } from 'zod';
import { idParam } from './api.schema.ts';

export const followUpKinds = [
  'complaint',
  'claim',
  'activation',
  'installation',
  'paid_visit',
  'other',
] as const;
export const followUpStatuses = ['open', 'forwarded', 'solved_told', 'closed'] as const;
export const followUpOrigins = ['category', 'manual'] as const;
export const compensationStatuses = ['estimated', 'credited', 'told', 'closed'] as const;
export const tellVias = ['message', 'call'] as const;

const note = z.string().trim().max(2000);
const instant = z.iso.datetime({ offset: true });

export const followUpCreateBody = z.object({
  kind: z.enum(followUpKinds),
  dueAt: instant,
  ownerId: idParam.optional(),
  note: note.optional(),
});

export const followUpsQuery = z.object({
  status: z.enum(followUpStatuses).optional(),
  ownerId: idParam.optional(),
  dueBefore: instant.optional(),
  kind: z.enum(followUpKinds).optional(),
});

export const followUpCloseBody = z.object({
  customerTold: z.literal(true, { error: 'a follow-up is closed once solved and the customer told' }),
  note: note.optional(),
});
export const followUpForwardBody = z.object({ teamId: idParam, note: note.min(1) });
export const followUpReassignBody = z.object({
  ownerId: idParam,
  dueAt: instant.optional(),
  note: note.optional(),
});

export const followUpJson = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    contactId: z.string().nullable(),
    contactName: z.string().nullable(),
    kind: z.enum(followUpKinds),
    origin: z.enum(followUpOrigins),
    status: z.enum(followUpStatuses),
    ownerId: z.string().nullable(),
    /** Names, so that users who may not read the users or teams lists never read "user #12". */
    ownerName: z.string().nullable(),
    teamId: z.string().nullable(),
    teamName: z.string().nullable(),
    dueAt: z.string(),
    note: z.string().nullable(),
    createdById: z.string().nullable(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    customerToldAt: z.string().nullable(),
  })
  .meta({ id: 'FollowUp' });

export const followUpEventJson = z.object({
  id: z.string(),
  type: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const compensationCreateBody = z.object({
  amount: z.number().positive().max(1_000_000).multipleOf(0.01),
  reason: z.string().trim().min(1).max(500),
});
export const compensationsQuery = z.object({ status: z.enum(compensationStatuses).optional() });
export const compensationCreditBody = z.object({ reference: z.string().trim().min(1).max(200) });
export const compensationTellBody = z.object({ via: z.enum(tellVias), note: note.optional() });
const day = z.iso.date();
export const compensationReportQuery = z.object({ from: day, to: day });

/** What finance needs and nothing of the conversation's content. */
export const compensationJson = z
  .object({
    id: z.string(),
    followUpId: z.string(),
    status: z.enum(compensationStatuses),
    amount: z.string(),
    reason: z.string(),
    customerName: z.string().nullable(),
    serviceNumber: z.string().nullable(),
    teamId: z.string().nullable(),
    teamName: z.string().nullable(),
    creditReference: z.string().nullable(),
    toldVia: z.enum(tellVias).nullable(),
    estimatedById: z.string(),
    estimatedAt: z.string(),
    creditedById: z.string().nullable(),
    creditedAt: z.string().nullable(),
    toldById: z.string().nullable(),
    toldAt: z.string().nullable(),
    closedById: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'Compensation' });

export const compensationReportJson = z.object({
  from: z.string(),
  to: z.string(),
  total: z.string(),
  rows: z.array(
    z.object({
      month: z.string(),
      reason: z.string(),
      teamId: z.string().nullable(),
      teamName: z.string().nullable(),
      count: z.number(),
      amount: z.string(),
    }),
  ),
});

export type FollowUpJson = z.infer<typeof followUpJson>;
export type CompensationJson = z.infer<typeof compensationJson>;
