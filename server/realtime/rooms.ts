// Who may see a conversation, as socket rooms. The REST list filter (conversations/visibility.ts) is the
// same rule written as SQL: admins, supervisors and QA see the whole account; an agent sees what is
// assigned to them, their teams' conversations, and the account's unassigned, team-less pool.
import type { Role } from '#server/db/schema.ts';

export type RoomTarget = { accountId: number; assigneeId: number | null; teamId: number | null };

export const wideRoles: readonly Role[] = ['admin', 'supervisor', 'qa'];

export function roomsOfConversation(c: RoomTarget): string[] {
  const rooms = [`account:${c.accountId}`];
  if (c.assigneeId !== null) rooms.push(`user:${c.assigneeId}`);
  if (c.teamId !== null) rooms.push(`team:${c.teamId}`);
  if (c.assigneeId === null && c.teamId === null) rooms.push(`pool:${c.accountId}`);
  return rooms;
}

export function roomsOfUser(u: { id: number; accountId: number; role: Role }, teamIds: number[]): string[] {
  if (wideRoles.includes(u.role)) return [`account:${u.accountId}`, `user:${u.id}`];
  // Marketing works the Mentions desk: it hears the account's social items, not its conversations.
  if (u.role === 'marketing') return [`user:${u.id}`, `social:${u.accountId}`];
  // The Virtual Channels officer hears the sales desk's hand-overs, not conversations.
  if (u.role === 'back_office') return [`user:${u.id}`, salesRoom(u.accountId)];
  if (u.role !== 'agent') return [`user:${u.id}`];
  return [`user:${u.id}`, `pool:${u.accountId}`, ...teamIds.map((t) => `team:${t}`)];
}

/** Who hears the Mentions desk's events: marketing, and the admins and supervisors of the account. */
export const mentionRooms = (accountId: number) => [`social:${accountId}`, `account:${accountId}`];

/** Who hears the sales desk's hand-overs besides the sale's advisor: the officers (and, by the account room, supervisors). */
export const salesRoom = (accountId: number) => `sales:${accountId}`;

/** The sockets opened with one token: signing that session out closes them. */
export const sessionRoom = (tokenId: number) => `session:${tokenId}`;
