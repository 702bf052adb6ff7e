// The closure-check hold (issue 19, bug 5): an agent stops the protocol's "did we solve your request?"
// and the auto-resolve after it, until an instant (`until`: the silence counts again from then) or until
// their own next public reply (`waiting_on_us`: the customer is waiting on the agent). Kept in the
// conversation's meta as `closureHold`; server/protocol/closure-hold.ts applies it.
import { z } from 'zod';

export const closureHoldKinds = ['until', 'waiting_on_us'] as const;
export type ClosureHoldKind = (typeof closureHoldKinds)[number];

/** POST /conversations/:id/closure-check. `hold: null` releases the hold. */
export const closureHoldBody = z
  .discriminatedUnion('hold', [
    z.object({ hold: z.literal('until'), until: z.iso.datetime({ offset: true }) }).strict(),
    z.object({ hold: z.literal('waiting_on_us') }).strict(),
    z.object({ hold: z.null() }).strict(),
  ])
  .meta({ id: 'ClosureHoldBody' });
export type ClosureHoldBody = z.infer<typeof closureHoldBody>;

/** The hold in force on a conversation (on the conversation's JSON as `closureHold`; null: none). */
export const closureHoldJson = z
  .object({
    hold: z.enum(closureHoldKinds),
    /** `until` only: the instant the closure check may be scheduled again. */
    until: z.string().nullable(),
    /** Who set it, and when. */
    byUserId: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'ClosureHold' });
export type ClosureHoldJson = z.infer<typeof closureHoldJson>;

/** The hold as the conversation's JSON shows it, from the conversation's meta (null: none). */
export function closureHoldFromMeta(meta: Record<string, unknown>): ClosureHoldJson | null {
  const h = meta.closureHold as
    | { hold?: unknown; until?: string; by?: number | null; at?: string }
    | null
    | undefined;
  if (!h || (h.hold !== 'until' && h.hold !== 'waiting_on_us')) return null;
  return {
    hold: h.hold,
    until: h.hold === 'until' ? (h.until ?? null) : null,
    byUserId: h.by === null || h.by === undefined ? null : String(h.by),
    at: h.at ?? '',
  };
}
