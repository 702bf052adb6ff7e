// Quality (QP-14, issue 18 items 1–2): the manager's settings (criteria, error grades, sampling rule, KPI
// weights), the evaluation queue and its sampling, the evaluations from draft to settlement, and the
// monthly agent KPI. Every route checks the role; an agent reads and answers only their own evaluations.
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { agentKpi, agentKpiHistory } from '#server/quality/agent-kpi.ts';
import { answerEvaluation } from '#server/quality/answer-evaluation.ts';
import { createEvaluation } from '#server/quality/create-evaluation.ts';
import { evaluationEventsJson, evaluationToJson } from '#server/quality/evaluation-json.ts';
import { listEvaluations } from '#server/quality/list-evaluations.ts';
import { listQueue, queueItemsJson } from '#server/quality/list-queue.ts';
import { evaluationReaders, evaluators, loadEvaluation, managers } from '#server/quality/quality-access.ts';
import {
  loadQualitySettings,
  qualitySettingsToJson,
  updateQualitySettings,
} from '#server/quality/quality-settings.ts';
import { sampleWeek } from '#server/quality/sample-week.ts';
import { accountTimeZone, lastCompleteWeek, weekOf } from '#server/quality/sampling-week.ts';
import { saveEvaluation } from '#server/quality/save-evaluation.ts';
import { settleEvaluation } from '#server/quality/settle-evaluation.ts';
import { submitEvaluation } from '#server/quality/submit-evaluation.ts';
import {
  acknowledgeBody,
  disputeBody,
  evaluationCreateBody,
  evaluationEventJson,
  evaluationJson,
  evaluationsQuery,
  evaluationUpdateBody,
  kpiHistoryQuery,
  kpiJson,
  kpiQuery,
  monthsBetween,
  qualitySettingsJson,
  qualitySettingsPatch,
  queueItemJson,
  queueQuery,
  sampleBody,
  sampleJson,
  settleBody,
} from '#shared/quality.schema.ts';
import type { RouteTable } from './route.ts';

const tag = 'Quality';
const settingsReply = z.object({ data: qualitySettingsJson });
const oneEvaluation = z.object({ data: evaluationJson });

export function qualityRoutes(ctx: HubContext, t: RouteTable): void {
  const json = (accountId: number, e: Parameters<typeof evaluationToJson>[2]) =>
    evaluationToJson(ctx, accountId, e).then((data) => ({ data }));
  t.route(
    {
      method: 'get',
      path: '/quality/settings',
      tag,
      summary:
        "The account's QP-14 settings: criteria with weights and es/en/ar labels and definitions, the Major / Minor / D-minor grades with their points, the sampling rule and the KPI weights",
      roles: evaluators,
      response: settingsReply,
    },
    async ({ auth }) => ({
      data: qualitySettingsToJson(await loadQualitySettings(ctx.db, auth.accountId)),
    }),
  );
  t.route(
    {
      method: 'put',
      path: '/quality/settings',
      tag,
      summary:
        'Replace parts of the quality settings (criteria, grades, sampling, kpiWeights); the manager only. Duplicate criteria, no weight at all: 400 with a code',
      roles: managers,
      body: qualitySettingsPatch,
      response: settingsReply,
    },
    async ({ auth, body }) => ({
      data: qualitySettingsToJson(await updateQualitySettings(ctx, auth.accountId, body)),
    }),
  );
  t.route(
    {
      method: 'get',
      path: '/quality/queue',
      tag,
      summary:
        'The open evaluation queue: each conversation with its agent and the reason it was picked (sample, low_rating, breached)',
      roles: evaluators,
      query: queueQuery,
      response: z.object({ data: z.array(queueItemJson), nextCursor: z.null() }),
    },
    async ({ auth, query }) => ({
      data: await listQueue(ctx, auth.accountId, {
        reason: query.reason,
        agentId: query.agentId === undefined ? undefined : Number(query.agentId),
        week: query.week,
      }),
      nextCursor: null,
    }),
  );
  t.route(
    {
      method: 'post',
      path: '/quality/queue/sample',
      tag,
      summary:
        "Run the sampling rule now over a week (the Monday–Sunday week of `week` in the account's time zone; by default the last complete one): what it added",
      roles: managers,
      body: sampleBody,
      response: z.object({ data: sampleJson }),
    },
    async ({ auth, body }) => {
      const zone = await accountTimeZone(ctx, auth.accountId);
      const w = body.week ? weekOf(body.week, zone) : lastCompleteWeek(ctx.clock.now(), zone);
      const added = await sampleWeek(ctx, auth.accountId, w, auth.user.id);
      return {
        data: {
          week: w.week,
          startsAt: w.startsAt.toISOString(),
          endsAt: w.endsAt.toISOString(),
          added: await queueItemsJson(
            ctx,
            auth.accountId,
            added.map((a) => a.id),
          ),
        },
      };
    },
  );
  t.route(
    {
      method: 'get',
      path: '/evaluations',
      tag,
      summary:
        'Evaluations, newest first (filters: agentId, status, month YYYY-MM, conversationId); an agent gets only their own, submitted ones',
      roles: evaluationReaders,
      query: evaluationsQuery,
      response: z.object({ data: z.array(evaluationJson), nextCursor: z.string().nullable() }),
    },
    async ({ auth, query }) => listEvaluations(ctx, auth, query),
  );
  t.route(
    {
      method: 'post',
      path: '/evaluations',
      tag,
      summary:
        "Open an evaluation (a draft) of a conversation's agent — any conversation of the account, queued or not",
      roles: evaluators,
      body: evaluationCreateBody,
      response: oneEvaluation,
      status: 201,
    },
    async ({ auth, body }) => json(auth.accountId, await createEvaluation(ctx, auth, body)),
  );
  t.route(
    {
      method: 'get',
      path: '/evaluations/:id',
      tag,
      summary: 'One evaluation with its audit trail (every step: who, when)',
      roles: evaluationReaders,
      response: oneEvaluation.extend({ events: z.array(evaluationEventJson) }),
    },
    async ({ auth, params }) => {
      const e = await loadEvaluation(ctx, auth, params.id);
      return { ...(await json(auth.accountId, e)), events: await evaluationEventsJson(ctx, e.id) };
    },
  );
  t.route(
    {
      method: 'put',
      path: '/evaluations/:id',
      tag,
      summary:
        'Save a draft: marks per criterion (0–5, the whole map), errors (the whole list: grade, messageId of this conversation, note), comment',
      roles: evaluators,
      body: evaluationUpdateBody,
      response: oneEvaluation,
    },
    async ({ auth, params, body }) => json(auth.accountId, await saveEvaluation(ctx, auth, params.id, body)),
  );
  t.route(
    {
      method: 'post',
      path: '/evaluations/:id/submit',
      tag,
      summary:
        'Submit: score = Σ(weight·mark/5)/Σweight×100 minus the points of each graded error, floor 0; the agent is told',
      roles: evaluators,
      response: oneEvaluation,
    },
    async ({ auth, params }) => json(auth.accountId, await submitEvaluation(ctx, auth, params.id)),
  );
  t.route(
    {
      method: 'post',
      path: '/evaluations/:id/acknowledge',
      tag,
      summary: 'The evaluated agent acknowledges a submitted evaluation (optional comment)',
      roles: evaluationReaders,
      body: acknowledgeBody,
      response: oneEvaluation,
    },
    async ({ auth, params, body }) =>
      json(
        auth.accountId,
        await answerEvaluation(ctx, auth, params.id, { kind: 'acknowledge', comment: body.comment }),
      ),
  );
  t.route(
    {
      method: 'post',
      path: '/evaluations/:id/dispute',
      tag,
      summary: 'The evaluated agent disputes a submitted evaluation with a comment; a supervisor settles it',
      roles: evaluationReaders,
      body: disputeBody,
      response: oneEvaluation,
    },
    async ({ auth, params, body }) =>
      json(
        auth.accountId,
        await answerEvaluation(ctx, auth, params.id, { kind: 'dispute', comment: body.comment }),
      ),
  );
  t.route(
    {
      method: 'post',
      path: '/evaluations/:id/settle',
      tag,
      summary:
        'Settle a dispute (supervisor, admin): upheld keeps the evaluation; revised takes new scores and/or errors and recomputes',
      roles: managers,
      body: settleBody,
      response: oneEvaluation,
    },
    async ({ auth, params, body }) =>
      json(auth.accountId, await settleEvaluation(ctx, auth, params.id, body)),
  );
  t.route(
    {
      method: 'get',
      path: '/quality/kpi',
      tag,
      summary:
        "The month's KPI per agent and their ranking: average evaluation score, satisfaction and first responses on time, weighted as the manager set",
      roles: evaluators,
      query: kpiQuery,
      response: z.object({ data: kpiJson }),
    },
    async ({ auth, query }) => ({ data: await agentKpi(ctx, auth.accountId, query.month) }),
  );
  t.route(
    {
      method: 'get',
      path: '/quality/kpi/history',
      tag,
      summary:
        "The KPI and ranking month by month, from..to (YYYY-MM, at most 24 months), optionally one agent's rows",
      roles: evaluators,
      query: kpiHistoryQuery,
      response: z.object({ data: z.array(kpiJson) }),
    },
    async ({ auth, query }) => ({
      data: await agentKpiHistory(
        ctx,
        auth.accountId,
        monthsBetween(query.from, query.to),
        query.agentId === undefined ? undefined : Number(query.agentId),
      ),
    }),
  );
}
