// The conversations behind a number of a report (GET /reports/conversations): the same contacts the
// report counted (its range and filters), narrowed to the row (a day, an hour, a weekday) and to the
// metric's definition, newest contact first, a page at a time.
import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import {
  contacts,
  conversationHolds,
  conversationRatings,
  conversations,
  inboxes,
} from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type { DrillMetric, DrillQuery } from '#shared/reports.schema.ts';
import {
  abandonedSql,
  answeredSql,
  ratedSql,
  registeredSql,
  reopenedSql,
  resolvedSql,
  stepMissedSql,
  unansweredSql,
  withinTargetSql,
} from './definitions.ts';
import { localDaySql, localHourSql, type ReportFrame, reportFrame, scopeSql, weekdaySql } from './frame.ts';

function metricSql(f: ReportFrame, q: DrillQuery): SQL {
  const m: DrillMetric = q.metric;
  switch (m) {
    case 'registered':
      return sql`true`;
    case 'answered':
      return answeredSql;
    case 'answered_within':
      return sql`coalesce(${withinTargetSql(f)}, false)`;
    case 'answered_late':
      return sql`(${answeredSql} and not coalesce(${withinTargetSql(f)}, true))`;
    case 'not_answered':
      return sql`not ${answeredSql}`;
    case 'abandoned':
      return abandonedSql;
    case 'unanswered':
      return unansweredSql(f);
    case 'resolved':
      return resolvedSql;
    case 'reopened':
      return reopenedSql;
    case 'rated':
      return q.rating === undefined
        ? ratedSql
        : sql`exists (select 1 from ${conversationRatings} where ${conversationRatings.conversationId} = ${conversations.id} and ${conversationRatings.rating} = ${q.rating})`;
    case 'handled':
      return sql`exists (select 1 from ${conversationHolds} where ${conversationHolds.conversationId} = ${conversations.id}${
        f.filters.agentId !== undefined ? sql` and ${conversationHolds.userId} = ${f.filters.agentId}` : sql``
      })`;
    case 'step_missed': {
      if (!q.step || !q.protocol)
        throw new AppError('validation_failed', 'step_missed needs the protocol and the step');
      return stepMissedSql(q.protocol, q.step);
    }
  }
}

export async function drillConversations(ctx: HubContext, auth: Auth, q: DrillQuery) {
  const f = await reportFrame(ctx, auth, q);
  const at = conversations.firstCustomerMessageAt;
  const where: (SQL | undefined)[] = [scopeSql(f), registeredSql(f), metricSql(f, q)];
  if (q.day) where.push(sql`${localDaySql(f, at)} = ${q.day}`);
  if (q.hour !== undefined) where.push(sql`${localHourSql(f, at)} = ${q.hour}`);
  if (q.weekday !== undefined) where.push(sql`${weekdaySql(f, at)} = ${q.weekday}`);
  if (q.cursor) {
    const [ms, id] = q.cursor.split('.').map(Number);
    if (!Number.isFinite(ms) || !Number.isFinite(id)) throw new AppError('validation_failed', 'bad cursor');
    const t = new Date(ms);
    where.push(or(lt(at, t), and(eq(at, t), lt(conversations.id, id))));
  }
  const rows = await ctx.db
    .select({ conversation: conversations, channel: inboxes.channel, contactName: contacts.name })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(...where))
    .orderBy(desc(at), desc(conversations.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1)?.conversation;
  return {
    data: page.map((r) =>
      conversationToJson(r.conversation, r.channel as ChannelKind, { contactName: r.contactName }),
    ),
    nextCursor:
      rows.length > q.limit && last?.firstCustomerMessageAt
        ? `${last.firstCustomerMessageAt.getTime()}.${last.id}`
        : null,
  };
}
