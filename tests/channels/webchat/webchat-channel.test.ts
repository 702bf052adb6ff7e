// The web-chat channel: its customers are the hub's own widget sockets, so its peer is the live line to
// them (ChannelContext.visitors), recorded here. The shared contract, plus what only it promises: a reply
// goes to every socket of the visitor and to the conversation's room, marked sent, and a visitor's
// message:send becomes the same stored message however often it is sent.
import { describe, expect, it } from 'vitest';
import type { VisitorLink } from '#channels/types.ts';
import { webchatChannel } from '#channels/webchat/index.ts';
import { type ContractPeer, contractContext, describeChannelContract, outbound } from '../contract.ts';

type Push = Parameters<VisitorLink['push']>;
const lines = new WeakMap<ContractPeer, VisitorLink & { pushed: Push[] }>();

function visitorLine() {
  const pushed: Push[] = [];
  return { pushed, push: (to: Push[0], message: Push[1]) => void pushed.push([to, message]) };
}

describeChannelContract('webchat', {
  definition: webchatChannel,
  secret: 'contract-secret',
  // A push to the visitor's sockets cannot be refused: a visitor who is away reads it in their next
  // session's history. The only failure is a hub without its widget namespace (below).
  failures: [],
  invalidConfigs: [{ color: 'red' }, { websiteUrl: 'not a url' }, { greeting: 'x'.repeat(501) }],
  async startPeer() {
    const line = visitorLine();
    const peer: ContractPeer = {
      failNext() {
        throw new Error('the web chat has no refusals to simulate');
      },
      async received(messageId) {
        const push = line.pushed.find(([, m]) => m.id === String(messageId));
        return push ? { text: push[1].text } : undefined;
      },
      close: async () => {},
    };
    lines.set(peer, line);
    return peer;
  },
  validConfig: () => ({ greeting: 'Hola' }),
  contextOf: (peer) => ({ visitors: lines.get(peer)! }),
  async emitInbound(_peer, _conn, _recorded, ctx) {
    // The socket's message:send, twice with one client message id (a resend after a lost ack).
    const widget = webchatChannel.widget!;
    for (let i = 0; i < 2; i++)
      await ctx.receive(
        widget.toInbound({ externalId: 'v-123' }, { clientMessageId: 'c-1', text: ' hola ' }, ctx.inbox),
      );
  },
});

describe('webchat adapter', () => {
  it('pushes a reply to the visitor and the conversation, marked sent with its own external id', async () => {
    const line = visitorLine();
    const { ctx } = contractContext('webchat', {}, null, { visitors: line });
    const out = {
      ...outbound('¿En qué le ayudo?'),
      recipient: { externalId: 'v-9', name: null, email: null, phone: null },
    };
    const { externalId } = await webchatChannel.create(ctx).send(out);
    expect(externalId).toBe(`webchat-out-${out.messageId}`);
    expect(line.pushed).toHaveLength(1);
    const [to, message] = line.pushed[0];
    expect(to).toEqual({ inboxId: 4242, visitorExternalId: 'v-9', conversationId: out.conversationId });
    expect(message).toMatchObject({ id: String(out.messageId), status: 'sent', externalId });
  });

  it('is TEMPORARY on a hub without its widget namespace: the outbox tries again', async () => {
    const { ctx } = contractContext('webchat', {}, null);
    const err = await webchatChannel
      .create(ctx)
      .send(outbound('nobody to push to'))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TEMPORARY' });
  });

  it("turns message:send into one thread per visitor, its text trimmed and its files' ids once each", () => {
    const inbox = { id: 7, accountId: 1, name: 'web', channel: 'webchat' as const, token: 't' };
    const m = webchatChannel.widget!.toInbound(
      { externalId: 'user:42' },
      { clientMessageId: 'abc', text: '  hola  ', attachmentIds: ['5', '5', '6'] },
      inbox,
    );
    expect(m).toMatchObject({
      channel: 'webchat',
      inboxId: 7,
      externalId: 'user:42/abc',
      threadKey: webchatChannel.widget!.threadKey({ externalId: 'user:42' }),
      sender: { externalId: 'user:42' },
      text: 'hola',
      clientMessageId: 'abc',
      attachmentIds: [5, 6],
    });
    // Only files: no empty text stored.
    expect(
      webchatChannel.widget!.toInbound(
        { externalId: 'v' },
        { clientMessageId: 'f', text: ' ', attachmentIds: ['1'] },
        inbox,
      ).text,
    ).toBeUndefined();
  });
});
