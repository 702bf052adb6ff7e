// Messenger reports reads (and some deliveries) as a time watermark, not by message id: everything the
// Page sent the person before that instant. The adapter keeps, per person, the ids and times of what the
// hub sent recently, in the inbox's durable cursor store, to turn a watermark into receipts.
import type { ChannelContext } from '../types.ts';
import type { FacebookConfig } from './config.ts';

type Sent = { mid: string; at: number };
/** Enough for any burst of replies between two reads; older ones are long read or never will be. */
const KEEP = 50;
const key = (psid: string) => `sent:${psid}`;

export async function noteSent(
  ctx: ChannelContext<FacebookConfig>,
  psid: string,
  mids: string[],
  at: number,
) {
  const sent = (await ctx.cursor.get<Sent[]>(key(psid))) ?? [];
  await ctx.cursor.set(key(psid), [...sent, ...mids.map((mid) => ({ mid, at }))].slice(-KEEP));
}

/** The ids sent up to the watermark; with `forget`, they are dropped (a read is the last receipt). */
export async function sentUpTo(
  ctx: ChannelContext<FacebookConfig>,
  psid: string,
  watermark: number,
  forget: boolean,
): Promise<string[]> {
  const sent = (await ctx.cursor.get<Sent[]>(key(psid))) ?? [];
  const covered = sent.filter((s) => s.at <= watermark);
  if (forget && covered.length > 0)
    await ctx.cursor.set(
      key(psid),
      sent.filter((s) => s.at > watermark),
    );
  return covered.map((s) => s.mid);
}
