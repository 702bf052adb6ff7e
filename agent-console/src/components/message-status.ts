// Which of two copies of a message the timeline keeps. Copies arrive by two roads that can cross: the
// answer to the agent's own request (a retry answers "queued") and the socket (the worker's "sent" can
// come first when delivery is quicker than the answer). A delivery status only moves forward
// (queued → sent → delivered → read); a message goes back to queued only from failed (the retry), and
// may fail at any point (a bounce after sent).
import type { Message } from '../types.ts';

const progress: Record<string, number> = { queued: 0, sent: 1, delivered: 2, read: 3 };

/** The copy to show: the incoming one unless it would move a delivered status backwards. */
export function newerMessage(current: Message, incoming: Message): Message {
  const was = progress[current.status];
  const now = progress[incoming.status];
  if (was !== undefined && now !== undefined && now < was) return current;
  return incoming;
}
