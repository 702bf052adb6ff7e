// The small durable key-value state of one inbox's connection (channel_cursors): an IMAP mailbox's
// UIDVALIDITY and last UID, a WhatsApp session's credentials and signal keys.
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { ChannelContext } from '#channels/types.ts';
import type { Db } from '#server/db/client.ts';
import { channelCursors } from '#server/db/schema.ts';

export function channelStore(db: () => Db, inboxId: number): ChannelContext<unknown>['cursor'] {
  const upsert = (d: Db, rows: { key: string; value: unknown }[]) =>
    d
      .insert(channelCursors)
      .values(rows.map((r) => ({ inboxId, key: r.key, value: r.value })))
      .onConflictDoUpdate({
        target: [channelCursors.inboxId, channelCursors.key],
        set: { value: sql`excluded.value`, updatedAt: new Date() },
      });
  return {
    async get<T>(key: string) {
      const [c] = await db()
        .select()
        .from(channelCursors)
        .where(and(eq(channelCursors.inboxId, inboxId), eq(channelCursors.key, key)));
      return c ? (c.value as T) : null;
    },
    async set(key, value) {
      await upsert(db(), [{ key, value }]);
    },
    async getMany(keys) {
      if (!keys.length) return {};
      const rows = await db()
        .select({ key: channelCursors.key, value: channelCursors.value })
        .from(channelCursors)
        .where(and(eq(channelCursors.inboxId, inboxId), inArray(channelCursors.key, keys)));
      return Object.fromEntries(rows.map((r) => [r.key, r.value]));
    },
    async setMany(entries) {
      const writes = Object.entries(entries).filter(([, v]) => v !== null && v !== undefined);
      const deletes = Object.entries(entries)
        .filter(([, v]) => v === null || v === undefined)
        .map(([k]) => k);
      if (!writes.length && !deletes.length) return;
      await db().transaction(async (tx) => {
        if (writes.length)
          await upsert(
            tx as unknown as Db,
            writes.map(([key, value]) => ({ key, value })),
          );
        if (deletes.length)
          await tx
            .delete(channelCursors)
            .where(and(eq(channelCursors.inboxId, inboxId), inArray(channelCursors.key, deletes)));
      });
    },
    async deletePrefix(prefix) {
      const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      await db()
        .delete(channelCursors)
        .where(and(eq(channelCursors.inboxId, inboxId), like(channelCursors.key, pattern)));
    },
  };
}
