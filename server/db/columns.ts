// The column shapes every schema file uses: identity ids, bigint references, millisecond timestamps
// with the time zone, and the creation time. One place, so the files cannot drift apart.
import { bigint, timestamp } from 'drizzle-orm/pg-core';

export const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
export const ref = (name: string) => bigint(name, { mode: 'number' });
// Millisecond precision, as a JS Date holds: keyset cursors round-trip exactly.
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
export const createdAt = () => at('created_at').notNull().defaultNow();
