// A stand-in for Baileys' socket at the transport boundary: the adapter gets an event emitter that
// carries real proto.WebMessageInfo objects built with Baileys' own `proto`, and a sendMessage that
// records what it was asked to send. Media downloads answer from a map of bytes.
import { EventEmitter } from 'node:events';
import { type AuthenticationState, proto, type WAMessage } from '@whiskeysockets/baileys';
import type { WaSocket, WhatsappTransport } from '#channels/whatsapp/connection.ts';

export type SentRecord = { jid: string; content: Record<string, unknown>; id: string };

export class FakeSocket {
  ev = new EventEmitter();
  sent: SentRecord[] = [];
  presence: { type: string; jid: string }[] = [];
  ended = false;
  failNext: { statusCode: number; message: string } | null = null;
  /** LID → phone JID, as Baileys learns them. */
  lids = new Map<string, string>();
  signalRepository = { lidMapping: { getPNForLID: async (lid: string) => this.lids.get(lid) ?? null } };
  private n = 0;
  constructor(readonly auth: AuthenticationState) {}

  async sendMessage(jid: string, content: Record<string, unknown>): Promise<WAMessage> {
    if (this.failNext) {
      const f = this.failNext;
      this.failNext = null;
      throw Object.assign(new Error(f.message), { output: { statusCode: f.statusCode } });
    }
    const id = `3EB0${Date.now().toString(16).toUpperCase()}${++this.n}`;
    this.sent.push({ jid, content, id });
    const message =
      typeof content.text === 'string'
        ? { conversation: content.text }
        : { imageMessage: { caption: String(content.caption ?? '') } };
    return proto.WebMessageInfo.fromObject({
      key: { remoteJid: jid, fromMe: true, id },
      message,
    }) as WAMessage;
  }
  async sendPresenceUpdate(type: string, jid: string) {
    this.presence.push({ type, jid });
  }
  async requestPairingCode(_phone: string) {
    return 'HUBP-AIR1';
  }
  end() {
    this.ended = true;
  }

  // What WhatsApp does, as Baileys reports it.
  open() {
    this.ev.emit('connection.update', { connection: 'open' });
  }
  qr(code = '2@fake-qr-code,abc,def') {
    this.ev.emit('connection.update', { qr: code });
  }
  close(statusCode: number) {
    this.ev.emit('connection.update', {
      connection: 'close',
      lastDisconnect: {
        error: Object.assign(new Error(`closed ${statusCode}`), { output: { statusCode } }),
        date: new Date(),
      },
    });
  }
  /** The phone finished pairing: Baileys fills the credentials and says so. */
  paired(me = '59170000001:3@s.whatsapp.net') {
    this.auth.creds.registered = true;
    this.auth.creds.me = { id: me, name: 'Acme Ventas' };
    this.ev.emit('creds.update', { registered: true, me: this.auth.creds.me });
  }
  upsert(messages: WAMessage[], type: 'notify' | 'append' = 'notify') {
    this.ev.emit('messages.upsert', { messages, type });
  }
  receipt(id: string, jid: string, status: number) {
    this.ev.emit('messages.update', [{ key: { remoteJid: jid, id, fromMe: true }, update: { status } }]);
  }
}

export function fakeTransport(opts: { autoOpen?: boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const media = new Map<string, Buffer>();
  let getMessage: ((key: { id: string }) => Promise<unknown>) | null = null;
  const transport: WhatsappTransport = {
    makeSocket({ auth, getMessage: g }) {
      getMessage = g as typeof getMessage;
      const s = new FakeSocket(auth);
      sockets.push(s);
      // As WhatsApp does: a paired session opens, an unpaired one shows a QR code (autoOpen: always open).
      setImmediate(() =>
        opts.autoOpen || auth.creds.registered ? s.open() : s.qr(`2@QR-${sockets.length}`),
      );
      return s as unknown as WaSocket;
    },
    async downloadMedia(msg) {
      const data = media.get(msg.key.id ?? '');
      if (!data) throw new Error('media expired');
      return data;
    },
  };
  return {
    transport,
    sockets,
    media,
    last: () => sockets.at(-1)!,
    /** What the adapter gives Baileys when the phone asks for a message again. */
    getMessage: (key: { id: string }) => getMessage!(key),
  };
}

let counter = 0;
/** A customer's message as Baileys delivers it. */
export function waMessage(
  from: string,
  message: Record<string, unknown>,
  extra: { id?: string; pushName?: string; remoteJidAlt?: string } = {},
): WAMessage {
  const msg = proto.WebMessageInfo.fromObject({
    key: {
      remoteJid: from,
      fromMe: false,
      id: extra.id ?? `3A${Date.now().toString(16).toUpperCase()}${++counter}`,
    },
    message,
    messageTimestamp: Math.floor(Date.now() / 1000),
    pushName: extra.pushName ?? 'Ana',
  }) as WAMessage;
  if (extra.remoteJidAlt) msg.key.remoteJidAlt = extra.remoteJidAlt;
  return msg;
}
