// A follow-up and its events as the API gives them (ids as strings, instants as ISO text), and the
// dashboard's list with its filters.
import { and, asc, desc, eq, inArray, lte, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type FollowUp, followUpEvents, followUps } from '#server/db/followup-schema.ts';
import { contacts, teams, users } from '#server/db/schema.ts';
import type { FollowUpJson, followUpsQuery } from '#shared/followups.schema.ts';
import { isFollowUpManager } from './followup-access.ts';

const sid = (n: number | null) => (n === null ? null : String(n));
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function followUpsToJson(ctx: HubContext, rows: FollowUp[]): Promise<FollowUpJson[]> {
  const ids = [...new Set(rows.map((r) => r.contactId).filter((x): x is number => x !== null))];
  const names = new Map<number, string | null>();
  if (ids.length) {
    for (const c of await ctx.db
      .select({ id: contacts.id, name: contacts.name })
      .from(contacts)
      .where(inArray(contacts.id, ids)))
      names.set(c.id, c.name);
  }
  // Who owns it, who made it and which team has it, by name: a follow_up or finance user may not read
  // the users or teams lists, and must not read "user #12".
  const userIds = [
    ...new Set(rows.flatMap((r) => [r.ownerId, r.createdById]).filter((x): x is number => x !== null)),
  ];
  const teamIds = [...new Set(rows.map((r) => r.teamId).filter((x): x is number => x !== null))];
  const userNames = new Map<number, string>();
  const teamNames = new Map<number, string>();
  if (userIds.length)
    for (const u of await ctx.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, userIds)))
      userNames.set(u.id, u.name);
  if (teamIds.length)
    for (const t of await ctx.db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(inArray(teams.id, teamIds)))
      teamNames.set(t.id, t.name);
  const nameOf = (m: Map<number, string>, id: number | null) => (id === null ? null : (m.get(id) ?? null));
  return rows.map((f) => ({
    id: String(f.id),
    conversationId: String(f.conversationId),
    contactId: sid(f.contactId),
    contactName: f.contactId === null ? null : (names.get(f.contactId) ?? null),
    kind: f.kind,
    origin: f.origin,
    status: f.status,
    ownerId: sid(f.ownerId),
    ownerName: nameOf(userNames, f.ownerId),
    teamId: sid(f.teamId),
    teamName: nameOf(teamNames, f.teamId),
    dueAt: f.dueAt.toISOString(),
    note: f.note,
    createdById: sid(f.createdById),
    createdByName: nameOf(userNames, f.createdById),
    createdAt: f.createdAt.toISOString(),
    closedAt: iso(f.closedAt),
    customerToldAt: iso(f.customerToldAt),
  }));
}

export async function followUpToJson(ctx: HubContext, f: FollowUp): Promise<FollowUpJson> {
  return (await followUpsToJson(ctx, [f]))[0];
}

export async function followUpEventsJson(ctx: HubContext, f: FollowUp) {
  const rows = await ctx.db
    .select({ e: followUpEvents, actorName: users.name })
    .from(followUpEvents)
    .leftJoin(users, eq(users.id, followUpEvents.actorId))
    .where(eq(followUpEvents.followUpId, f.id))
    .orderBy(asc(followUpEvents.id));
  return rows.map(({ e, actorName }) => ({
    id: String(e.id),
    type: e.type,
    actorId: sid(e.actorId),
    actorName,
    data: { ...e.data, ...(e.note ? { note: e.note } : {}) },
    createdAt: e.createdAt.toISOString(),
  }));
}

/** The manager's daily dashboard: due first. The manager sees all; anyone else their own. */
export async function listFollowUps(
  ctx: HubContext,
  auth: Auth,
  q: z.infer<typeof followUpsQuery>,
): Promise<FollowUp[]> {
  const where: SQL[] = [eq(followUps.accountId, auth.accountId)];
  if (!isFollowUpManager(auth)) where.push(eq(followUps.ownerId, auth.user.id));
  if (q.status) where.push(eq(followUps.status, q.status));
  if (q.ownerId) where.push(eq(followUps.ownerId, Number(q.ownerId)));
  if (q.kind) where.push(eq(followUps.kind, q.kind));
  if (q.dueBefore) where.push(lte(followUps.dueAt, new Date(q.dueBefore)));
  return ctx.db
    .select()
    .from(followUps)
    .where(and(...where))
    .orderBy(asc(followUps.dueAt), desc(followUps.id))
    .limit(500);
}
