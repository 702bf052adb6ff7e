// Marketing's Mentions desk (issue 15): every public social item ranked by influence, with what marketing
// does to it — hide, show again, delete or like it on the network (queued: 202, the outcome arrives as
// `mention:updated`), escalate it to the care team with a note, mark it handled, measure it again now.
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { notFound } from '#server/errors.ts';
import { escalateMention } from '#server/social/escalate-mention.ts';
import { listMentions } from '#server/social/list-mentions.ts';
import { markMentionHandled } from '#server/social/mark-mention-handled.ts';
import { mentionJsonOf } from '#server/social/mention-json.ts';
import { mentionStats } from '#server/social/mention-stats.ts';
import { REFRESH_TIMER } from '#server/social/record-social-item.ts';
import { requestMentionAction } from '#server/social/request-mention-action.ts';
import { loadSocialSettings, updateSocialSettings } from '#server/social/social-settings.ts';
import {
  mentionActionBody,
  mentionEscalateBody,
  mentionJson,
  mentionListQuery,
  mentionStatsJson,
  mentionStatsQuery,
  socialSettingsPatch,
  socialSettingsSchema,
} from '#shared/mentions.schema.ts';
import type { RouteTable } from './route.ts';

const tag = 'Mentions';
const roles = ['admin', 'supervisor', 'marketing'] as const;
const one = z.object({ data: mentionJson });

export function mentionsRoutes(ctx: HubContext, t: RouteTable): void {
  const current = async (accountId: number, id: number) => {
    const m = await mentionJsonOf(ctx.db, accountId, id);
    if (!m) throw notFound('mention');
    return { data: m };
  };
  t.route(
    {
      method: 'get',
      path: '/mentions',
      tag,
      roles,
      summary:
        'Public social items (comments, posts, mentions): newest or most influential first (sort=influence), by status, tier or inbox',
      query: mentionListQuery,
      response: z.object({ data: z.array(mentionJson), nextCursor: z.string().nullable() }),
    },
    async ({ auth, query }) => listMentions(ctx, auth.accountId, query),
  );
  t.route(
    {
      method: 'get',
      path: '/social/settings',
      tag,
      summary: 'Social settings: whether marketing may answer customers itself (marketingMayReply)',
      response: z.object({ data: socialSettingsSchema }),
    },
    async ({ auth }) => ({ data: await loadSocialSettings(ctx.db, auth.accountId) }),
  );
  t.route(
    {
      method: 'patch',
      path: '/social/settings',
      tag,
      roles: ['admin'],
      summary: 'Change the social settings: marketingMayReply lets marketing reply on social conversations',
      body: socialSettingsPatch,
      response: z.object({ data: socialSettingsSchema }),
    },
    async ({ auth, body }) => ({ data: await updateSocialSettings(ctx, auth.accountId, body) }),
  );
  t.route(
    {
      method: 'get',
      path: '/mentions/stats',
      tag,
      roles,
      summary: 'Public social items per UTC day by influence tier, the last `days` days',
      query: mentionStatsQuery,
      response: z.object({ data: mentionStatsJson }),
    },
    async ({ auth, query }) => ({ data: await mentionStats(ctx, auth.accountId, query.days) }),
  );
  t.route(
    { method: 'get', path: '/mentions/:id', tag, roles, summary: 'One public social item', response: one },
    async ({ auth, params }) => current(auth.accountId, params.id),
  );
  t.route(
    {
      method: 'post',
      path: '/mentions/:id/actions',
      tag,
      roles,
      status: 202,
      summary:
        'Hide, show again, delete or like the item on its network (queued; the outcome arrives as mention:updated, a failure as actionError)',
      body: mentionActionBody,
      response: one,
    },
    async ({ auth, params, body }) => {
      await requestMentionAction(ctx, auth, params.id, body.action);
      return current(auth.accountId, params.id);
    },
  );
  t.route(
    {
      method: 'post',
      path: '/mentions/:id/escalate',
      tag,
      roles,
      summary:
        'Hand the item to the care team: a private note in its conversation, at least high priority, and the named team’s queue when nobody holds it',
      body: mentionEscalateBody,
      response: one,
    },
    async ({ auth, params, body }) => {
      await escalateMention(ctx, auth, params.id, body);
      return current(auth.accountId, params.id);
    },
  );
  t.route(
    {
      method: 'post',
      path: '/mentions/:id/handled',
      tag,
      roles,
      summary: 'Close the item without (more) answer; it is no longer measured',
      response: one,
    },
    async ({ auth, params }) => {
      await markMentionHandled(ctx, auth, params.id);
      return current(auth.accountId, params.id);
    },
  );
  t.route(
    {
      method: 'post',
      path: '/mentions/:id/refresh',
      tag,
      roles,
      status: 202,
      summary: 'Measure the item again now (its likes, replies, reposts, views and author reach)',
      response: one,
    },
    async ({ auth, params }) => {
      const m = await current(auth.accountId, params.id);
      await ctx.timers.schedule(null, {
        kind: REFRESH_TIMER,
        dueAt: ctx.clock.now().toISOString(),
        itemId: params.id,
        once: true,
      });
      return m;
    },
  );
}
