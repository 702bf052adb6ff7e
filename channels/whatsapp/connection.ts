// One WhatsApp number over Baileys: the socket's life (QR or pairing code, reconnect with backoff, a
// phone logout flagged and re-paired, a second client on the same session backed off), customers'
// messages into the hub with their media, receipts as delivery status, and paced sends with typing.
import {
  type AuthenticationState,
  DisconnectReason,
  type proto,
  type WAMessage,
  type WASocket,
} from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { ChannelError } from '../errors.ts';
import type { ChannelConnection, ChannelContext, OutboundMessage } from '../types.ts';
import { useStoredAuthState } from './auth-state.ts';
import type { WhatsappConfig } from './config.ts';
import { jidOf, normalise, phoneOfJid } from './normalise.ts';

/** The part of a Baileys socket the adapter uses (tests drive the adapter through a stand-in). */
export type WaSocket = Pick<
  WASocket,
  'ev' | 'sendMessage' | 'sendPresenceUpdate' | 'requestPairingCode' | 'end'
> & {
  /** Baileys' LID ↔ phone-number store, to know a LID-only sender by their number. */
  signalRepository?: { lidMapping?: { getPNForLID(lid: string): Promise<string | null> } };
};

/** The transport boundary: the real Baileys socket and media download, or a test's stand-in. */
export type WhatsappTransport = {
  makeSocket(o: {
    auth: AuthenticationState;
    logger: Logger;
    importHistory: boolean;
    getMessage(key: proto.IMessageKey): Promise<proto.IMessage | undefined>;
  }): WaSocket;
  downloadMedia(msg: WAMessage, sock: WaSocket, logger: Logger): Promise<Buffer>;
};

const RECENT_SENT = 1000;
const DEFAULT_INTERVAL_MS = 1200;

export function createWhatsappConnection(
  ctx: ChannelContext<WhatsappConfig>,
  transport: WhatsappTransport,
): ChannelConnection {
  const log = ctx.log;
  let sock: WaSocket | null = null;
  let open = false;
  let stopped = true;
  let auth: Awaited<ReturnType<typeof useStoredAuthState>> | null = null;
  let backoff = 1000;
  let replaced = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let pairingCodeAsked = false;
  let firstSettled: (() => void) | null = null;
  let sendChain: Promise<unknown> = Promise.resolve();
  let lastSendAt = 0;
  const sent = new Map<string, proto.IMessage>();
  const failedIngest: WAMessage[] = [];

  const remember = (m: WAMessage | undefined) => {
    if (!m?.key.id || !m.message) return;
    sent.set(m.key.id, m.message);
    if (sent.size > RECENT_SENT) sent.delete(sent.keys().next().value!);
  };

  const settleFirst = () => {
    firstSettled?.();
    firstSettled = null;
  };

  function schedule(ms: number) {
    if (stopped) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, ms);
    retryTimer.unref();
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    try {
      auth = await useStoredAuthState(ctx.cursor);
      const s = transport.makeSocket({
        auth: auth.state,
        logger: log.child({ lib: 'baileys' }, { level: 'warn' }) as unknown as Logger,
        importHistory: ctx.config.importHistory ?? false,
        // Baileys asks for a message we sent when the phone needs it re-encrypted (retry receipts).
        getMessage: async (key) => (key.id ? sent.get(key.id) : undefined),
      });
      sock = s;
      const current = auth;
      s.ev.on('creds.update', () => {
        current
          .saveCreds()
          .catch((err: unknown) => log.error({ err }, 'could not save WhatsApp credentials'));
      });
      s.ev.on('connection.update', (u) => void onConnection(s, u));
      s.ev.on('messages.upsert', (u) => void onUpsert(s, u.messages, u.type));
      s.ev.on('messages.update', (updates) => void onUpdate(updates));
      // The phone's chat history arrives once after pairing: imported only when the admin asked for it,
      // and marked as history so it never reaches routing as new work.
      s.ev.on('messaging-history.set', (h) => {
        if (ctx.config.importHistory) void onUpsert(s, h.messages, 'history');
      });
    } catch (err) {
      log.warn({ err }, 'WhatsApp socket could not be created; retrying');
      ctx.setHealth('failed', (err as Error).message);
      settleFirst();
      schedule(nextBackoff());
    }
  }

  const nextBackoff = () => {
    const ms = backoff;
    backoff = Math.min(backoff * 2, 60_000);
    return ms;
  };

  async function onConnection(s: WaSocket, u: Parameters<Parameters<WaSocket['ev']['on']>[1]>[0] & object) {
    if (s !== sock) return;
    const update = u as { connection?: string; qr?: string; lastDisconnect?: { error?: unknown } };
    if (update.qr) {
      const phone = ctx.config.pairingPhone;
      ctx.setHealth(
        'needs_auth',
        phone ? 'enter the pairing code in WhatsApp' : 'scan the QR code in WhatsApp › Linked devices',
      );
      if (phone && !pairingCodeAsked && !auth?.state.creds.registered) {
        pairingCodeAsked = true;
        try {
          const code = await s.requestPairingCode(phone.replace(/^\+/, ''));
          ctx.pairing({ code });
        } catch (err) {
          log.warn({ err }, 'pairing code request failed; showing the QR code');
          ctx.pairing({ qr: update.qr });
        }
      } else if (!phone) {
        ctx.pairing({ qr: update.qr });
      }
      settleFirst();
    }
    if (update.connection === 'open') {
      open = true;
      backoff = 1000;
      replaced = 0;
      ctx.pairing(null);
      ctx.setHealth('ready');
      settleFirst();
      void retryFailedIngest();
    }
    if (update.connection === 'close') {
      open = false;
      sock = null;
      if (stopped) return;
      const err = update.lastDisconnect?.error as
        | { output?: { statusCode?: number }; message?: string }
        | undefined;
      const code = err?.output?.statusCode;
      settleFirst();
      if (code === DisconnectReason.loggedOut) {
        // The phone removed this linked device: forget the session and offer a new QR code.
        await auth
          ?.clear()
          .catch((e: unknown) => log.error({ err: e }, 'could not clear the WhatsApp session'));
        pairingCodeAsked = false;
        ctx.setHealth('needs_auth', 'WhatsApp logged this session out from the phone: pair the number again');
        ctx.alert('WhatsApp logged this number out from the phone: it needs pairing again');
        schedule(1000);
      } else if (code === DisconnectReason.connectionReplaced) {
        // Another client opened this session: fighting it logs both out. Back off, longer each time.
        replaced++;
        const wait = Math.min(60_000 * 2 ** (replaced - 1), 30 * 60_000);
        ctx.setHealth(
          'failed',
          `another client is using this WhatsApp session; trying again in ${Math.round(wait / 1000)} s`,
        );
        if (replaced >= 3) ctx.alert('another client keeps taking over this WhatsApp session');
        schedule(wait);
      } else if (code === DisconnectReason.restartRequired) {
        schedule(0);
      } else {
        ctx.setHealth('connecting', err?.message ?? 'connection closed');
        schedule(nextBackoff());
      }
    }
  }

  async function onUpsert(s: WaSocket, messages: WAMessage[], type: string) {
    for (const msg of messages) {
      // Our own sends echo back here (and the phone's own); only customers' messages are ingested.
      if (msg.key.fromMe) continue;
      if (type !== 'notify' && type !== 'append' && type !== 'history') continue;
      try {
        await ingest(s, msg, type === 'history');
      } catch (err) {
        // WhatsApp has already been told we have it: keep it and try again, never drop it.
        log.error({ err, id: msg.key.id }, 'a WhatsApp message could not be stored; will retry');
        failedIngest.push(msg);
        setTimeout(() => void retryFailedIngest(), 5000).unref();
      }
    }
  }

  async function retryFailedIngest() {
    while (failedIngest.length && !stopped) {
      const msg = failedIngest[0];
      try {
        await ingest(sock, msg);
        failedIngest.shift();
      } catch (err) {
        log.warn({ err }, 'retrying a WhatsApp message later');
        setTimeout(() => void retryFailedIngest(), 10_000).unref();
        return;
      }
    }
  }

  async function ingest(s: WaSocket | null, msg: WAMessage, history = false) {
    let n = normalise(msg);
    if (!n) return;
    // Written under a LID alone: WhatsApp may already have told us whose number that is.
    if (!n.phone && n.lid && s?.signalRepository?.lidMapping) {
      const pn = await s.signalRepository.lidMapping.getPNForLID(`${n.lid}@lid`).catch(() => null);
      const phone = phoneOfJid(pn);
      if (phone) n = { ...n, phone, who: phone };
    }
    const attachments = [];
    const meta: Record<string, unknown> = { ...n.meta, ...(history ? { imported: true } : {}) };
    if (n.media) {
      try {
        if (!s) throw new Error('not connected');
        const data = await transport.downloadMedia(msg, s, log);
        attachments.push({ data, mime: n.media.mime, ...(n.media.name ? { name: n.media.name } : {}) });
      } catch (err) {
        // The text and the fact that a file was sent still reach the agent.
        meta.mediaError = `the ${n.media.kind} could not be downloaded: ${(err as Error).message}`;
      }
    }
    await ctx.receive({
      channel: 'whatsapp',
      inboxId: ctx.inbox.id,
      externalId: n.id,
      threadKey: n.who,
      sender: {
        externalId: n.who,
        ...(n.phone ? { phone: n.phone } : {}),
        ...(n.name ? { name: n.name } : {}),
        display: { jid: n.jid, ...(n.lid ? { lid: n.lid } : {}) },
      },
      text: n.text,
      contentType: n.contentType,
      attachments,
      ...(n.timestamp ? { timestamp: n.timestamp } : {}),
      meta,
    });
  }

  async function onUpdate(updates: { key: proto.IMessageKey; update: Partial<WAMessage> }[]) {
    for (const { key, update } of updates) {
      if (!key.fromMe || !key.id || update.status === undefined || update.status === null) continue;
      const status =
        update.status >= 4
          ? 'read'
          : update.status === 3
            ? 'delivered'
            : update.status === 0
              ? 'failed'
              : null;
      if (!status) continue;
      try {
        await ctx.updateStatus({
          inboxId: ctx.inbox.id,
          externalId: key.id,
          status,
          ...(status === 'failed' ? { error: 'WhatsApp reported the message as not delivered' } : {}),
        });
      } catch (err) {
        log.warn({ err }, 'could not record a WhatsApp receipt');
      }
    }
  }

  async function send(out: OutboundMessage): Promise<{ externalId: string }> {
    const s = sock;
    if (!s || !open) {
      throw new ChannelError(
        auth && !auth.state.creds.registered ? 'AUTH' : 'TEMPORARY',
        auth && !auth.state.creds.registered
          ? 'this WhatsApp number is not paired: scan the QR code in the inbox settings'
          : 'WhatsApp is not connected right now',
      );
    }
    const jid = jidOf(out.recipient.externalId);
    // Pace the number: one message at a time, at least `sendIntervalMs` apart, typing shown meanwhile.
    const turn = sendChain.then(async () => {
      if (out.signal.aborted) throw new ChannelError('TEMPORARY', 'the send was cancelled');
      const interval = ctx.config.sendIntervalMs ?? DEFAULT_INTERVAL_MS;
      const typingMs = Math.min(3000, 300 + (out.text?.length ?? 0) * 15);
      const wait = Math.max(interval - (Date.now() - lastSendAt), Math.min(typingMs, interval));
      await s.sendPresenceUpdate('composing', jid).catch(() => {});
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, wait);
        out.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new ChannelError('TEMPORARY', 'the send was cancelled'));
        });
      });
      try {
        const ids: string[] = [];
        const files = await Promise.all(out.attachments.map(async (a) => ({ a, data: await a.read() })));
        let caption = out.text ?? '';
        for (const { a, data } of files) {
          const content = a.mime.startsWith('image/')
            ? { image: data, mimetype: a.mime, caption }
            : a.mime.startsWith('video/')
              ? { video: data, mimetype: a.mime, caption }
              : a.mime.startsWith('audio/')
                ? { audio: data, mimetype: a.mime }
                : { document: data, mimetype: a.mime, fileName: a.name, caption };
          const m = await s.sendMessage(jid, content);
          remember(m);
          if (m?.key.id) ids.push(m.key.id);
          if (!('audio' in content)) caption = '';
        }
        if (!files.length || caption) {
          const m = await s.sendMessage(jid, { text: caption || out.text || '' });
          remember(m);
          if (m?.key.id) ids.push(m.key.id);
        }
        if (!ids.length) throw new ChannelError('TEMPORARY', 'WhatsApp did not return a message id');
        return { externalId: ids[0] };
      } catch (err) {
        throw baileysFailure(err);
      } finally {
        lastSendAt = Date.now();
        await s.sendPresenceUpdate('paused', jid).catch(() => {});
      }
    });
    sendChain = turn.catch(() => {});
    return turn;
  }

  return {
    async start() {
      stopped = false;
      const first = new Promise<void>((resolve) => {
        firstSettled = resolve;
      });
      await connect();
      // The first QR code, the open session or a failure — whichever comes first — or 10 s.
      await Promise.race([first, new Promise((r) => setTimeout(r, 10_000).unref())]);
    },
    async stop() {
      stopped = true;
      open = false;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const s = sock;
      sock = null;
      s?.end(undefined);
    },
    send,
  };
}

/** Baileys' errors (Boom) by their HTTP-like status: login, throttling, a refused message, or a retry. */
function baileysFailure(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  const e = err as { output?: { statusCode?: number }; message?: string };
  const code = e.output?.statusCode;
  const message = `WhatsApp: ${e.message ?? String(err)}`;
  if (code === 401 || code === 403) return new ChannelError('AUTH', message, { cause: err });
  if (code === 429) return new ChannelError('RATE_LIMITED', message, { cause: err, retryAfterMs: 30_000 });
  if (code === 400 || code === 404 || code === 406)
    return new ChannelError('PERMANENT', message, { cause: err });
  return new ChannelError('TEMPORARY', message, { cause: err });
}
