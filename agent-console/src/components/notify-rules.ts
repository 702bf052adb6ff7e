// When the console calls the agent's attention (pure, unit-tested): a conversation newly assigned to
// them, a customer's message in a conversation they are not looking at, and a conversation of theirs
// whose snooze ended. Each notice has a key, so
// the same event seen twice (a socket replay after a reconnect) sounds once.

export type ConversationUpdate = {
  id: string;
  assigneeId: string | null;
  assignedAt?: string | null;
  status: string;
};
export type NewMessage = {
  id: string;
  conversationId: string;
  direction: 'in' | 'out';
  senderType: string;
  text: string | null;
  private: boolean;
};
export type Notice = {
  kind: 'assigned' | 'message' | 'unsnoozed';
  conversationId: string;
  key: string;
  text: string;
};
/** A notice the hub sends to one agent's sockets (a snoozed conversation of theirs woke up). */
export type UserNotice = { type: string; conversationId?: string; snoozedUntil?: string };

export type Situation = {
  me: string;
  /** The conversation on screen, if any. */
  openId: string | null;
  /** The agent is not looking at the console (another tab, another window). */
  away: boolean;
  now: number;
  /** When this console started listening: assignments from before are not news to the agent. */
  since: number;
  /**
   * How much earlier than `since` an assignment may be stamped and still be news: the browser's clock
   * may run ahead of the hub's (SKEW_MS), unless `now` and `since` are already in the hub's time.
   */
  skewMs?: number;
};

/** An assignment older than this is a conversation update of something long assigned, not news. */
export const FRESH_MS = 2 * 60_000;
/** Allowance for the browser's clock running ahead of the hub's. */
export const SKEW_MS = 5_000;
/** With the hub's clock known: only the database's clock against the hub node's. */
export const HUB_SKEW_MS = 1_000;

export function assignmentNotice(c: ConversationUpdate, s: Situation): Notice | null {
  if (c.assigneeId !== s.me || !c.assignedAt || c.status === 'resolved') return null;
  // Every later change of a conversation (a message, a priority) carries its assignment again.
  const assigned = Date.parse(c.assignedAt);
  if (s.now - assigned > FRESH_MS || assigned < s.since - (s.skewMs ?? SKEW_MS)) return null;
  if (c.id === s.openId && !s.away) return null;
  return { kind: 'assigned', conversationId: c.id, key: `a:${c.id}:${c.assignedAt}`, text: `#${c.id}` };
}

export function messageNotice(m: NewMessage, s: Situation): Notice | null {
  if (m.direction !== 'in' || m.senderType !== 'contact' || m.private) return null;
  if (m.conversationId === s.openId && !s.away) return null;
  const text = (m.text ?? '').replace(/\s+/g, ' ').trim();
  return {
    kind: 'message',
    conversationId: m.conversationId,
    key: `m:${m.id}`,
    text: text.length > 120 ? `${text.slice(0, 119)}…` : text,
  };
}

/** A conversation of mine whose snooze ended: worth a beep unless I am looking right at it. */
export function unsnoozeNotice(n: UserNotice, s: Situation): Notice | null {
  if (n.type !== 'conversation.unsnoozed' || !n.conversationId) return null;
  if (n.conversationId === s.openId && !s.away) return null;
  return {
    kind: 'unsnoozed',
    conversationId: n.conversationId,
    key: `u:${n.conversationId}:${n.snoozedUntil ?? ''}`,
    text: `#${n.conversationId}`,
  };
}
