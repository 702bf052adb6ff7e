// Follow-ups and compensation (QP-14, issue 18 items 3–4): the manager's daily dashboard of follow-ups
// (complaints and claims open one by themselves; anyone schedules one from a conversation), closing,
// forwarding to a team and reassigning; and the compensation's four steps — the manager estimates,
// finance credits, the follow-up's owner tells the customer, the manager closes — each refused to the
// wrong role with a 403 code and in the wrong state with a 409. Finance reads compensations only.
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import {
  closeCompensation,
  creditCompensation,
  estimateCompensation,
  tellCompensation,
} from '#server/followups/compensation.ts';
import {
  compensationReport,
  compensationToJson,
  followUpCompensation,
  listCompensations,
} from '#server/followups/compensation-json.ts';
import { followUpWorkers, loadFollowUp } from '#server/followups/followup-access.ts';
import {
  followUpEventsJson,
  followUpsToJson,
  followUpToJson,
  listFollowUps,
} from '#server/followups/followup-json.ts';
import { closeFollowUp, forwardFollowUp, reassignFollowUp } from '#server/followups/followup-steps.ts';
import { createFollowUp } from '#server/followups/open-followup.ts';
import {
  compensationCreateBody,
  compensationCreditBody,
  compensationJson,
  compensationReportJson,
  compensationReportQuery,
  compensationsQuery,
  compensationTellBody,
  followUpCloseBody,
  followUpCreateBody,
  followUpEventJson,
  followUpForwardBody,
  followUpJson,
  followUpReassignBody,
  followUpsQuery,
} from '#shared/followups.schema.ts';
import type { RouteTable } from './route.ts';

const tag = 'Follow-ups';
const oneFollowUp = z.object({ data: followUpJson });
const oneCompensation = z.object({ data: compensationJson });
/** The compensation steps check the role themselves, each with its own 403 code. */
const compensationActors = [...followUpWorkers, 'finance'] as const;

export function followUpRoutes(ctx: HubContext, t: RouteTable): void {
  const fu = async (f: Parameters<typeof followUpToJson>[1]) => ({ data: await followUpToJson(ctx, f) });
  const comp = async (c: Parameters<typeof compensationToJson>[1]) => ({
    data: await compensationToJson(ctx, c),
  });
  t.route(
    {
      method: 'post',
      path: '/conversations/:id/follow-ups',
      tag,
      summary:
        "Schedule a follow-up of a conversation you can see (complaint, claim, activation, installation, paid visit, other) with its due date; the owner named, else the account's follow_up user with the fewest open, else the conversation's agent, else you",
      roles: followUpWorkers,
      body: followUpCreateBody,
      response: oneFollowUp,
      status: 201,
    },
    async ({ auth, params, body }) => fu(await createFollowUp(ctx, auth, params.id, body)),
  );
  t.route(
    {
      method: 'get',
      path: '/follow-ups',
      tag,
      summary:
        "The manager's daily dashboard, due first (filters: status, ownerId, dueBefore, kind); supervisors and admins see all, anyone else their own",
      roles: followUpWorkers,
      query: followUpsQuery,
      response: z.object({ data: z.array(followUpJson), nextCursor: z.null() }),
    },
    async ({ auth, query }) => ({
      data: await followUpsToJson(ctx, await listFollowUps(ctx, auth, query)),
      nextCursor: null,
    }),
  );
  t.route(
    {
      method: 'get',
      path: '/follow-ups/:id',
      tag,
      summary: 'One follow-up with its audit trail (every step: who, when) and its compensation, if any',
      roles: followUpWorkers,
      response: oneFollowUp.extend({
        events: z.array(followUpEventJson),
        compensation: compensationJson.nullable(),
      }),
    },
    async ({ auth, params }) => {
      const f = await loadFollowUp(ctx, auth, params.id);
      return {
        ...(await fu(f)),
        events: await followUpEventsJson(ctx, f),
        compensation: await followUpCompensation(ctx, f.id),
      };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/follow-ups/:id/close',
      tag,
      summary: 'Close: solved and the customer told (customerTold must be true); open or forwarded ones only',
      roles: followUpWorkers,
      body: followUpCloseBody,
      response: oneFollowUp,
    },
    async ({ auth, params, body }) => fu(await closeFollowUp(ctx, auth, params.id, body)),
  );
  t.route(
    {
      method: 'post',
      path: '/follow-ups/:id/forward',
      tag,
      summary: 'Not solved: forward to the competent department (a team) with a note',
      roles: followUpWorkers,
      body: followUpForwardBody,
      response: oneFollowUp,
    },
    async ({ auth, params, body }) => fu(await forwardFollowUp(ctx, auth, params.id, body)),
  );
  t.route(
    {
      method: 'post',
      path: '/follow-ups/:id/reassign',
      tag,
      summary:
        'The manager hands the follow-up to another owner (and may move its due date); the old reminder does nothing',
      roles: followUpWorkers,
      body: followUpReassignBody,
      response: oneFollowUp,
    },
    async ({ auth, params, body }) => fu(await reassignFollowUp(ctx, auth, params.id, body)),
  );
  t.route(
    {
      method: 'post',
      path: '/follow-ups/:id/compensation',
      tag,
      summary:
        'The manager verifies the case and estimates the compensation (amount in Bs, reason); finance is notified. Others: 403 not_manager',
      roles: compensationActors,
      body: compensationCreateBody,
      response: oneCompensation,
      status: 201,
    },
    async ({ auth, params, body }) => comp(await estimateCompensation(ctx, auth, params.id, body)),
  );
  t.route(
    {
      method: 'get',
      path: '/compensations/report',
      tag,
      summary: 'Compensation amounts by month (of the estimate), reason and team, between two days inclusive',
      roles: ['admin', 'supervisor', 'finance'],
      query: compensationReportQuery,
      response: z.object({ data: compensationReportJson }),
    },
    async ({ auth, query }) => ({ data: await compensationReport(ctx, auth.accountId, query) }),
  );
  t.route(
    {
      method: 'get',
      path: '/compensations',
      tag,
      summary:
        "Compensations, newest first (filter: status): finance's queue is ?status=estimated. Only what the credit needs (customer name, service number, amount, reason, team); a follow_up user sees those of their follow-ups",
      roles: ['admin', 'supervisor', 'finance', 'follow_up'],
      query: compensationsQuery,
      response: z.object({ data: z.array(compensationJson), nextCursor: z.null() }),
    },
    async ({ auth, query }) => ({ data: await listCompensations(ctx, auth, query), nextCursor: null }),
  );
  t.route(
    {
      method: 'post',
      path: '/compensations/:id/credit',
      tag,
      summary:
        'Finance confirms the credit with its reference (estimated ones only). Others: 403 not_finance',
      roles: compensationActors,
      body: compensationCreditBody,
      response: oneCompensation,
    },
    async ({ auth, params, body }) => comp(await creditCompensation(ctx, auth, params.id, body)),
  );
  t.route(
    {
      method: 'post',
      path: '/compensations/:id/tell',
      tag,
      summary:
        "The follow-up's owner tells the customer the amount: via message (sent through the conversation's channel) or call (logged). Credited ones only; others: 403 not_followup_owner",
      roles: compensationActors,
      body: compensationTellBody,
      response: oneCompensation,
    },
    async ({ auth, params, body }) => comp(await tellCompensation(ctx, auth, params.id, body)),
  );
  t.route(
    {
      method: 'post',
      path: '/compensations/:id/close',
      tag,
      summary:
        'The manager closes the compensation, and its follow-up (told ones only). Others: 403 not_manager',
      roles: compensationActors,
      response: oneCompensation,
    },
    async ({ auth, params }) => comp(await closeCompensation(ctx, auth, params.id)),
  );
}
