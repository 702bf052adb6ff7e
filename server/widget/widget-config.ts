// GET /api/v1/widget/config — what the widget needs before it opens a socket: looks, pre-chat form,
// whether anyone can answer now (inside business hours — the widget's own, else its team's or the
// account's calendar — and an agent connected to /agent on any node),
// and how fast this inbox usually answers (median first reply over 30 days, from 5 conversations on).
import { and, eq, sql } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { type Inbox, teams } from '#server/db/schema.ts';
import { isOpen } from '#server/routing/business-hours.ts';
import { loadRoutingSettings } from '#server/routing/settings.ts';
import { hoursOfTeam } from '#server/routing/team-hours.ts';
import { readWidgetSettings, withinBusinessHours } from './widget-settings.ts';

const MIN_SAMPLES = 5;

export async function widgetConfig(ctx: HubContext, inbox: Inbox, now = ctx.clock.now()) {
  const settings = readWidgetSettings(inbox.settings);
  let config: { color?: string; greeting?: string; language?: string } = {};
  try {
    config = ctx.sealer.open(inbox.configEncrypted);
  } catch {
    // Unreadable (HUB_SECRET changed): the widget still works with its defaults.
  }
  // The inbox's own widget hours, else its team's calendar (the team's own, else the account's).
  const open = settings.businessHours
    ? withinBusinessHours(settings.businessHours, now)
    : isOpen(await inboxTeamHours(ctx, inbox), now);
  const [online, usually] = await Promise.all([
    open ? ctx.widget.agentsOnline(inbox.accountId) : false,
    usualReplySeconds(ctx, inbox.id),
  ]);
  return {
    color: config.color ?? '#1f6feb',
    greeting: config.greeting ?? null,
    language: config.language ?? 'es',
    position: settings.position ?? 'right',
    title: settings.title ?? inbox.name,
    preChat: { enabled: settings.preChat?.enabled ?? false, fields: settings.preChat?.fields ?? [] },
    online,
    businessHours: settings.businessHours ?? null,
    usuallyRepliesInSeconds: usually,
    maxUploadBytes: ctx.attachments.maxBytes,
    allowedTypes: [...ctx.attachments.allowedTypes],
    offlineForm: Boolean(settings.offlineEmailInboxId),
    surveyEnabled: settings.surveyEnabled ?? true,
    farewell: settings.farewell ?? null,
  };
}

async function inboxTeamHours(ctx: HubContext, inbox: Inbox) {
  const [team] =
    inbox.teamId === null
      ? []
      : await ctx.db
          .select()
          .from(teams)
          .where(and(eq(teams.id, inbox.teamId), eq(teams.accountId, inbox.accountId)));
  return hoursOfTeam(team, await loadRoutingSettings(ctx.db, inbox.accountId));
}

async function usualReplySeconds(ctx: HubContext, inboxId: number): Promise<number | null> {
  const result = await ctx.db.execute(sql`
    select count(*) as n,
           percentile_cont(0.5) within group (
             order by extract(epoch from (first_agent_reply_at - first_customer_message_at))
           ) as median
    from conversations
    where inbox_id = ${inboxId}
      and created_at > now() - interval '30 days'
      and first_agent_reply_at is not null
      and first_customer_message_at is not null
      and first_agent_reply_at >= first_customer_message_at`);
  const row = (result as unknown as { rows: { n: number | string; median: number | string | null }[] })
    .rows[0];
  if (!row || Number(row.n) < MIN_SAMPLES || row.median === null) return null;
  return Math.round(Number(row.median));
}
