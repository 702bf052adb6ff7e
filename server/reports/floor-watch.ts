// Keeps watching supervisors' floors live without polling: whatever the floor shows changed (a
// conversation queued, taken or resolved, a presence, a breach — floor-events.ts hears them from the
// publisher), so the account's floor is computed again and pushed to the room of those watching it.
// Changes are coalesced per account: at most one computation every `intervalMs`, and none while nobody
// watches. A push is a view refreshed after the commit, not a record: one lost in a crash is made good by
// the next change or by the console asking again after a reconnect. Built once by the composition root.
import type { HubContext } from '#server/context.ts';
import type { AgentNamespace } from '#server/realtime/namespaces.ts';
import { liveFloor } from './live-floor.ts';

export const floorRoom = (accountId: number) => `floor:${accountId}`;

export type FloorWatch = {
  /** Something the account's floor shows changed. */
  changed(accountId: number): void;
  /** Clears the pending computations (the hub stops). */
  stop(): void;
};

type Slot = { timer: ReturnType<typeof setTimeout> | null; running: boolean; again: boolean; last: number };

export function createFloorWatch(
  getNs: () => AgentNamespace | null,
  getCtx: () => HubContext,
  intervalMs = 500,
): FloorWatch {
  const slots = new Map<number, Slot>();
  let stopped = false;
  const schedule = (accountId: number, slot: Slot) => {
    const wait = Math.max(0, slot.last + intervalMs - Date.now());
    slot.timer = setTimeout(() => void run(accountId, slot), wait);
  };
  const run = async (accountId: number, slot: Slot) => {
    slot.timer = null;
    slot.running = true;
    slot.last = Date.now();
    try {
      const ns = getNs();
      const room = floorRoom(accountId);
      if (ns && (await ns.in(room).fetchSockets()).length > 0) {
        const floor = await liveFloor(getCtx(), accountId);
        if (!stopped) ns.to(room).emit('floor:update', { floor });
      }
    } catch (err) {
      getCtx().log.warn({ err, accountId }, 'could not push the live floor');
    } finally {
      slot.running = false;
      if (slot.again && !stopped) {
        slot.again = false;
        schedule(accountId, slot);
      }
    }
  };
  return {
    changed(accountId) {
      if (stopped) return;
      let slot = slots.get(accountId);
      if (!slot) {
        slot = { timer: null, running: false, again: false, last: 0 };
        slots.set(accountId, slot);
      }
      // While one runs, its answer may predate this change: one more follows it.
      if (slot.running) slot.again = true;
      else if (!slot.timer) schedule(accountId, slot);
    },
    stop() {
      stopped = true;
      for (const slot of slots.values()) if (slot.timer) clearTimeout(slot.timer);
      slots.clear();
    },
  };
}
