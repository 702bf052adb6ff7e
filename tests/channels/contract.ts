// The adapter contract every channel must pass (CONVENTIONS.md rule 9). A channel's spec calls
// describeChannelContract with a harness: a real peer on loopback (a webhook receiver, an IMAP server, a
// recorded-payload Graph API...) and the ways to make it fail. The adapter runs for real; the hub side
// of the ChannelContext records what the adapter reports, as the hub's own callbacks would receive it.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelError, type ChannelErrorCode } from '#channels/errors.ts';
import { channelRegistry } from '#channels/registry.ts';
import type {
  ChannelConnection,
  ChannelContext,
  ChannelDefinition,
  ChannelHealth,
  OutboundMessage,
} from '#channels/types.ts';
import {
  channelKinds,
  type DeliveryUpdate,
  type InboundMessage,
  type MessageChange,
} from '#shared/channels.ts';
import { eventually } from '#tests/helpers/hub.ts';

export type ContractPeer = {
  /** Makes the peer refuse the next send in the given way. */
  failNext(kind: ChannelErrorCode): void;
  /** Whether the peer got the message with this id (and its text). */
  received(messageId: number): Promise<{ text: string | null } | undefined>;
  close(): Promise<void>;
};

export type ContractHarness<Config> = {
  definition: ChannelDefinition<Config>;
  startPeer(): Promise<ContractPeer>;
  validConfig(peer: ContractPeer): Config;
  invalidConfigs: unknown[];
  secret?: string;
  /** What the hub gives this channel besides the common context (web chat: the live line to visitors). */
  contextOf?(peer: ContractPeer): Partial<ChannelContext<Config>>;
  /** The failure kinds this peer can produce; each must surface as a ChannelError of that code. */
  failures: ChannelErrorCode[];
  /**
   * Push channels and pollers: make the peer emit one native inbound event twice. `ctx` is what the
   * connection was created with (a webhook's handler is given it, as the hub's route does).
   */
  emitInbound?(
    peer: ContractPeer,
    conn: ChannelConnection,
    recorded: Recorded,
    ctx: ChannelContext<Config>,
  ): Promise<void>;
};

export type Recorded = {
  received: InboundMessage[];
  statuses: DeliveryUpdate[];
  changes: MessageChange[];
  health: ChannelHealth[];
  pairing: ({ qr?: string; code?: string } | null)[];
  alerts: string[];
};

export function contractContext<Config>(
  kind: ChannelDefinition<Config>['kind'],
  config: Config,
  secret: string | null,
  extra: Partial<ChannelContext<Config>> = {},
) {
  const recorded: Recorded = {
    received: [],
    statuses: [],
    changes: [],
    health: [],
    pairing: [],
    alerts: [],
  };
  const abort = new AbortController();
  const cursors = new Map<string, unknown>();
  const ctx: ChannelContext<Config> = {
    inbox: { id: 4242, accountId: 1, name: 'contract', channel: kind, token: 'contract-token' },
    config,
    secret,
    log: pino({ level: 'silent' }),
    signal: abort.signal,
    receive: async (m) => {
      recorded.received.push(m);
    },
    updateStatus: async (s) => {
      recorded.statuses.push(s);
    },
    changeMessage: async (c) => {
      recorded.changes.push(c);
    },
    setHealth: (h) => {
      recorded.health.push(h);
    },
    // Like the hub: a reply names earlier messages of this inbox, and their thread is known.
    resolveThread: async ({ externalIds }) =>
      recorded.received.find((m) => externalIds.includes(m.externalId))?.threadKey ?? null,
    cursor: {
      get: async <T>(key: string) => (cursors.has(key) ? (cursors.get(key) as T) : null),
      set: async (key, value) => {
        cursors.set(key, value);
      },
      getMany: async (keys) =>
        Object.fromEntries(keys.filter((k) => cursors.has(k)).map((k) => [k, cursors.get(k)])),
      setMany: async (entries) => {
        for (const [k, v] of Object.entries(entries)) {
          if (v === null || v === undefined) cursors.delete(k);
          else cursors.set(k, v);
        }
      },
      deletePrefix: async (prefix) => {
        for (const k of [...cursors.keys()]) if (k.startsWith(prefix)) cursors.delete(k);
      },
    },
    pairing: (p) => {
      recorded.pairing.push(p);
    },
    alert: (detail) => {
      recorded.alerts.push(detail);
    },
    ...extra,
  };
  return { ctx, recorded, abort };
}

/** The public JSON an outbound message carries, as the outbox builds it (for channels that forward it). */
export function outboundJson(
  messageId: string,
  text: string | null,
  conversationId = '7',
): OutboundMessage['json'] {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    message: {
      id: messageId,
      conversationId,
      direction: 'out',
      senderType: 'agent',
      senderId: '1',
      text,
      html: null,
      contentType: 'text',
      private: false,
      status: 'queued',
      externalId: null,
      clientMessageId: null,
      attachments: [],
      createdAt: at,
    },
    conversation: {
      id: conversationId,
      inboxId: '1',
      channel: 'api',
      contactId: '1',
      status: 'open',
      priority: 'normal',
      category: null,
      assigneeId: '1',
      teamId: null,
      subject: null,
      snoozedUntil: null,
      firstCustomerMessageAt: at,
      firstAgentReplyAt: null,
      lastActivityAt: at,
      resolvedAt: null,
      createdAt: at,
    },
  };
}

let nextId = 1000;
export function outbound(text: string, signal: AbortSignal = AbortSignal.timeout(10_000)): OutboundMessage {
  const messageId = nextId++;
  return {
    messageId,
    conversationId: 7,
    threadKey: 'contract-thread',
    text,
    html: null,
    subject: 'Contract test',
    automatic: false,
    attachments: [],
    recipient: {
      externalId: 'contract-recipient',
      name: 'Ana',
      email: 'ana@example.test',
      phone: '+59170000000',
    },
    threadExternalIds: [],
    json: outboundJson(String(messageId), text),
    signal,
  };
}

export function describeChannelContract<Config>(name: string, h: ContractHarness<Config>): void {
  describe(`channel contract: ${name}`, () => {
    let peer: ContractPeer;
    let conn: ChannelConnection;
    let recorded: Recorded;
    let context: ChannelContext<Config>;

    beforeAll(async () => {
      peer = await h.startPeer();
      const made = contractContext(
        h.definition.kind,
        h.validConfig(peer),
        h.secret ?? null,
        h.contextOf?.(peer),
      );
      recorded = made.recorded;
      context = made.ctx;
      conn = h.definition.create(made.ctx);
      await conn.start();
    });
    afterAll(async () => {
      await conn?.stop();
      await peer?.close();
    });

    it('is registered under its kind, with its capabilities declared', () => {
      expect(channelKinds).toContain(h.definition.kind);
      expect(channelRegistry[h.definition.kind]).toBe(h.definition);
      expect(typeof h.definition.capabilities.attachments).toBe('boolean');
      expect(typeof h.definition.capabilities.typing).toBe('boolean');
      expect(typeof h.definition.capabilities.receipts).toBe('boolean');
    });

    it('declares the facts the hub decides by, and the way its inbound arrives', () => {
      const d = h.definition;
      expect(d.label.trim().length).toBeGreaterThan(0);
      // Each inbound mode has its way in, and only that one.
      expect(Boolean(d.webhook)).toBe(d.inbound === 'webhook');
      expect(Boolean(d.rest)).toBe(d.inbound === 'rest');
      expect(Boolean(d.widget)).toBe(d.inbound === 'widget');
      expect(d.service.capacity).toBeGreaterThan(0);
      // A reply window only makes sense with templates to send once it has closed.
      if (d.capabilities.replyWindowHours) expect(d.capabilities.templates).toBe(true);
      if (d.demoInbox) expect(d.configSchema.safeParse(d.demoInbox.config).success).toBe(true);
    });

    it('accepts a valid config and refuses invalid ones', () => {
      expect(h.definition.configSchema.safeParse(h.validConfig(peer)).success).toBe(true);
      for (const bad of h.invalidConfigs)
        expect(h.definition.configSchema.safeParse(bad).success).toBe(false);
    });

    it('reports its health once started', async () => {
      // start() waits for the first connection only so long (IMAP: 10 s): on a busy machine the answer
      // comes after it, so the spec waits for the first verdict rather than for start().
      const verdict = await eventually(async () => {
        const last = recorded.health.at(-1);
        return last && last !== 'connecting' ? last : undefined;
      }, 30_000);
      expect(verdict).toBe('ready');
    });

    it('sends a message and returns the external id the channel gave it', async () => {
      const out = outbound('contract hello');
      const { externalId } = await conn.send(out);
      expect(typeof externalId).toBe('string');
      expect(externalId.length).toBeGreaterThan(0);
      expect((await peer.received(out.messageId))?.text).toBe('contract hello');
    });

    for (const kind of h.failures) {
      it(`turns a ${kind} refusal into ChannelError ${kind}`, async () => {
        peer.failNext(kind);
        const err = await conn.send(outbound(`fails ${kind}`)).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ChannelError);
        expect((err as ChannelError).code).toBe(kind);
        expect((err as ChannelError).retryable).toBe(kind === 'TEMPORARY' || kind === 'RATE_LIMITED');
      });
    }

    it('gives up promptly with a ChannelError when the send is aborted', async () => {
      const abort = new AbortController();
      abort.abort();
      const err = await conn.send(outbound('aborted', abort.signal)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelError);
    });

    if (h.emitInbound) {
      it('hands inbound messages to the hub, the same event always with the same external id', async () => {
        const before = recorded.received.length;
        await h.emitInbound!(peer, conn, recorded, context);
        const got = recorded.received.slice(before);
        expect(got.length).toBeGreaterThanOrEqual(2);
        for (const m of got) {
          expect(m.channel).toBe(h.definition.kind);
          expect(m.inboxId).toBe(4242);
          expect(m.externalId).toBeTruthy();
          expect(m.threadKey).toBeTruthy();
          expect(m.sender.externalId).toBeTruthy();
        }
        expect(got[0].externalId).toBe(got[1].externalId);
      });
    }

    it('stops cleanly, twice', async () => {
      await conn.stop();
      await conn.stop();
    });
  });
}
