// What moves the live floor, heard where the hub already publishes it after each commit: a conversation
// changed (queued, assigned, resolved, requeued), a presence changed, a service-level alert fired. This
// decorator of the publisher tells the floor watch (floor-watch.ts), so no use-case has to know the floor.
// A user whose role no longer may watch leaves the account's floor room with the role's other rooms.
import type { AgentNamespace } from '#server/realtime/namespaces.ts';
import type { Publisher } from '#server/realtime/publisher.ts';
import { floorRoles } from '#shared/floor.schema.ts';
import { type FloorWatch, floorRoom } from './floor-watch.ts';

export function withFloorEvents(
  inner: Publisher,
  floor: FloorWatch,
  getNs: () => AgentNamespace | null,
): Publisher {
  return {
    ...inner,
    conversationUpdated(conversation, json, previous) {
      inner.conversationUpdated(conversation, json, previous);
      floor.changed(conversation.accountId);
    },
    presenceUpdated(accountId, userId, presence) {
      inner.presenceUpdated(accountId, userId, presence);
      floor.changed(accountId);
    },
    alert(conversation, alert) {
      inner.alert(conversation, alert);
      floor.changed(conversation.accountId);
    },
    syncRole(user, previousRole, teamIds) {
      inner.syncRole(user, previousRole, teamIds);
      if (!(floorRoles as readonly string[]).includes(user.role))
        getNs()?.in(`user:${user.id}`).socketsLeave(floorRoom(user.accountId));
    },
  };
}
