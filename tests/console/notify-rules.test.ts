// When the console beeps and shows a desktop notification: a fresh assignment to me, a customer's
// message somewhere I am not looking; not my own replies, notes, old assignments or what is on screen.
import { describe, expect, it } from 'vitest';
import {
  assignmentNotice,
  FRESH_MS,
  HUB_SKEW_MS,
  messageNotice,
  type Situation,
} from '../../agent-console/src/components/notify-rules.ts';

const now = Date.parse('2026-01-10T12:00:00Z');
const at = (msAgo: number) => new Date(now - msAgo).toISOString();
const here: Situation = { me: '5', openId: '10', away: false, now, since: now - 60_000 };
const conv = (over: Record<string, unknown> = {}) => ({
  id: '20',
  assigneeId: '5',
  assignedAt: at(1000),
  status: 'open',
  ...over,
});
const msg = (over: Record<string, unknown> = {}) => ({
  id: '300',
  conversationId: '20',
  direction: 'in' as const,
  senderType: 'contact',
  text: 'Hola,   necesito\nayuda',
  private: false,
  ...over,
});

describe('assignmentNotice', () => {
  it('announces a conversation just assigned to me, keyed by the assignment', () => {
    expect(assignmentNotice(conv(), here)).toEqual({
      kind: 'assigned',
      conversationId: '20',
      key: `a:20:${at(1000)}`,
      text: '#20',
    });
  });
  it("stays quiet for someone else's, an old assignment, a resolved one, or the one on screen", () => {
    expect(assignmentNotice(conv({ assigneeId: '6' }), here)).toBeNull();
    expect(assignmentNotice(conv({ assigneeId: null }), here)).toBeNull();
    expect(assignmentNotice(conv({ assignedAt: at(FRESH_MS + 1) }), here)).toBeNull();
    expect(assignmentNotice(conv({ status: 'resolved' }), here)).toBeNull();
    expect(assignmentNotice(conv({ id: '10' }), here)).toBeNull();
  });
  it('ignores assignments made before the console was opened (a later message re-sends the conversation)', () => {
    const opened = { ...here, since: now - 500 };
    expect(assignmentNotice(conv({ assignedAt: at(30_000) }), opened)).toBeNull();
    // A few seconds of clock difference between browser and hub are allowed for.
    expect(assignmentNotice(conv({ assignedAt: at(3_000) }), opened)?.kind).toBe('assigned');
  });
  it("in the hub's own time, one made 3 s before the console connected is not news, one after it is", () => {
    const onHubClock = { ...here, since: now - 500, skewMs: HUB_SKEW_MS };
    expect(assignmentNotice(conv({ assignedAt: at(3_000) }), onHubClock)).toBeNull();
    expect(assignmentNotice(conv({ assignedAt: at(400) }), onHubClock)?.kind).toBe('assigned');
  });
  it('announces even the open one when the agent is in another tab', () => {
    expect(assignmentNotice(conv({ id: '10' }), { ...here, away: true })?.conversationId).toBe('10');
  });
});

describe('messageNotice', () => {
  it("announces a customer's message elsewhere, on one line", () => {
    expect(messageNotice(msg(), here)).toEqual({
      kind: 'message',
      conversationId: '20',
      key: 'm:300',
      text: 'Hola, necesito ayuda',
    });
    expect(messageNotice(msg({ text: 'x'.repeat(300) }), here)?.text).toHaveLength(120);
  });
  it('stays quiet for replies, notes, bots and the conversation on screen', () => {
    expect(messageNotice(msg({ direction: 'out', senderType: 'agent' }), here)).toBeNull();
    expect(messageNotice(msg({ private: true }), here)).toBeNull();
    expect(messageNotice(msg({ senderType: 'bot' }), here)).toBeNull();
    expect(messageNotice(msg({ conversationId: '10' }), here)).toBeNull();
    expect(messageNotice(msg({ conversationId: '10' }), { ...here, away: true })?.key).toBe('m:300');
  });
});
