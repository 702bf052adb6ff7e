// The timeline keeps a message's delivery status moving forward when the retry's answer and the socket's
// "sent" cross (CI saw a message stuck at "queued" after it had been delivered).
import { describe, expect, it } from 'vitest';
import { newerMessage } from '../../agent-console/src/components/message-status.ts';
import type { Message } from '../../agent-console/src/types.ts';

const msg = (status: string) =>
  ({ id: '7', conversationId: '1', status, text: 'hola' }) as unknown as Message;

describe('newerMessage', () => {
  it('ignores a late "queued" once the message was sent, delivered or read', () => {
    for (const s of ['sent', 'delivered', 'read']) {
      const current = msg(s);
      expect(newerMessage(current, msg('queued'))).toBe(current);
    }
  });
  it('ignores a late receipt that is behind the one shown', () => {
    const read = msg('read');
    expect(newerMessage(read, msg('delivered'))).toBe(read);
    expect(newerMessage(msg('delivered'), msg('sent')).status).toBe('delivered');
  });
  it('takes every step forward, a failure at any point, and the retry of a failed one', () => {
    expect(newerMessage(msg('queued'), msg('sent')).status).toBe('sent');
    expect(newerMessage(msg('sent'), msg('read')).status).toBe('read');
    expect(newerMessage(msg('sent'), msg('failed')).status).toBe('failed');
    expect(newerMessage(msg('failed'), msg('queued')).status).toBe('queued');
    expect(newerMessage(msg('queued'), msg('failed')).status).toBe('failed');
  });
});
