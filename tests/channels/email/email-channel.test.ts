// The e-mail adapter against real servers: a private Dovecot (IMAP) and an smtp-server capture. The shared
// channel contract, then what mail adds: reply headers, signed Message-IDs, the loop guard, bounces,
// the resumable IMAP cursor, UIDVALIDITY changes and awkward MIME.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailConfig } from '#channels/email/config.ts';
import { emailChannel } from '#channels/email/index.ts';
import { conversationOf, ourMessageId } from '#channels/email/message-id.ts';
import { foldQuoted, parseMail } from '#channels/email/parse-mail.ts';
import { replySubject, trimReferences } from '#channels/email/smtp-sender.ts';
import type { ChannelErrorCode } from '#channels/errors.ts';
import { ChannelError } from '#channels/errors.ts';
import type { ChannelConnection } from '#channels/types.ts';
import { startDovecot, type TestDovecot } from '#tests/helpers/dovecot.ts';
import { eventually } from '#tests/helpers/hub.ts';
import { type SmtpCapture, startSmtpCapture } from '#tests/helpers/smtp-capture.ts';
import { type ContractPeer, contractContext, describeChannelContract, outbound } from '../contract.ts';
import { awkwardCorpus, bounce, mail, mid } from './mails.ts';

type Peers = { imap: TestDovecot; smtp: SmtpCapture };
const peers = new WeakMap<ContractPeer, Peers>();

function configFor(p: Peers, extra: Partial<EmailConfig> = {}): EmailConfig {
  return {
    imap: {
      host: p.imap.host,
      port: p.imap.port,
      secure: false,
      user: p.imap.user,
      password: p.imap.password,
    },
    smtp: {
      host: p.smtp.host,
      port: p.smtp.port,
      secure: false,
      user: p.smtp.user,
      password: p.smtp.password,
    },
    fromAddress: 'support@hub.example',
    fromName: 'Support',
    pollSeconds: 5,
    ...extra,
  };
}

describeChannelContract('email', {
  definition: emailChannel,
  secret: 'contract-secret',
  failures: ['TEMPORARY', 'PERMANENT'],
  invalidConfigs: [
    {},
    { imap: { host: 'x', port: 993, secure: true, user: 'u', password: 'p' } },
    {
      imap: { host: 'x', port: 0, secure: true, user: 'u', password: 'p' },
      smtp: { host: 'x', port: 25, secure: false, user: 'u', password: 'p' },
      fromAddress: 'a@b.example',
    },
    {
      imap: { host: 'x', port: 993, secure: true, user: 'u', password: 'p' },
      smtp: { host: 'x', port: 25, secure: false, user: 'u', password: 'p' },
      fromAddress: 'not an address',
    },
  ],
  async startPeer() {
    const p: Peers = { imap: await startDovecot(), smtp: await startSmtpCapture() };
    const peer: ContractPeer = {
      failNext(kind: ChannelErrorCode) {
        p.smtp.failNext(kind === 'PERMANENT' ? 'permanent' : 'temporary');
      },
      async received(messageId) {
        const m = p.smtp.mails.find((x) => x.parsed.messageId?.includes(`.m${messageId}.`));
        return m ? { text: (m.parsed.text ?? '').trim() } : undefined;
      },
      async close() {
        await p.smtp.close();
        await p.imap.stop();
      },
    };
    peers.set(peer, p);
    return peer;
  },
  validConfig: (peer) => configFor(peers.get(peer)!),
  async emitInbound(peer, _conn, recorded) {
    const before = recorded.received.length;
    const raw = mail({ subject: 'twice', body: 'the same mail delivered twice', messageId: mid('twice') });
    await peers.get(peer)!.imap.append(raw);
    await peers.get(peer)!.imap.append(raw);
    await eventually(async () => recorded.received.length >= before + 2);
  },
});

describe('email channel specifics', () => {
  let p: Peers;
  beforeAll(async () => {
    p = { imap: await startDovecot(), smtp: await startSmtpCapture() };
  });
  afterAll(async () => {
    await p.smtp.close();
    await p.imap.stop();
  });

  let boxes = 0;
  /** A connection reading a mailbox of its own (created here unless given). */
  async function connect(extra: Partial<EmailConfig> = {}, secret = 'inbox-secret') {
    const mailbox = `Spec${++boxes}`;
    await p.imap.createMailbox(mailbox);
    const config = configFor(p, extra);
    config.imap.mailbox = mailbox;
    const made = contractContext('email', config, secret);
    const conn: ChannelConnection = emailChannel.create(made.ctx);
    await conn.start();
    return { ...made, conn, mailbox, append: (raw: string | Buffer) => p.imap.append(raw, mailbox) };
  }

  it('sends a reply the customer’s mail client threads: In-Reply-To, References, Re:, tag, signed id', async () => {
    const { conn } = await connect({
      signature: 'Acme Support\nLa Paz',
      webPageUrl: 'https://acme.example/help',
    });
    try {
      const first = mid('root');
      const second = mid('second');
      const out = {
        ...outbound('Your line is active again.'),
        subject: 'Re: RE: No signal [#7]',
        threadExternalIds: [first, second, 'widget-id-not-mail'],
        attachments: [
          {
            id: 1,
            name: 'informe técnico.pdf',
            mime: 'application/pdf',
            size: 8,
            sha256: 'x',
            read: async () => Buffer.from('%PDF-1.4'),
          },
        ],
      };
      const { externalId } = await conn.send(out);
      const got = await p.smtp.waitFor((m) => m.parsed.messageId === externalId);
      expect(got.parsed.inReplyTo).toBe(second);
      expect(got.parsed.references).toEqual([first, second]);
      expect(got.parsed.subject).toBe('Re: No signal [#7]');
      expect(got.parsed.from?.value[0]).toMatchObject({ address: 'support@hub.example', name: 'Support' });
      expect(got.envelopeTo).toEqual(['ana@example.test']);
      expect(got.parsed.text).toContain('Your line is active again.');
      expect(got.parsed.text).toContain(
        '-- \nAcme Support\nLa Paz\nMore answers and services any time at https://acme.example/help',
      );
      expect(got.parsed.html).toContain('Your line is active again.');
      expect(got.parsed.attachments.map((a) => a.filename)).toEqual(['informe técnico.pdf']);
      expect(got.parsed.headers.get('auto-submitted')).toBeUndefined();
      expect(conversationOf('inbox-secret', externalId)).toBe(7);
      expect(conversationOf('another-secret', externalId)).toBeNull();
    } finally {
      await conn.stop();
    }
  });

  it('marks the hub’s automatic messages Auto-Submitted: auto-replied', async () => {
    const { conn } = await connect();
    try {
      const { externalId } = await conn.send({ ...outbound('We received your request.'), automatic: true });
      const got = await p.smtp.waitFor((m) => m.parsed.messageId === externalId);
      expect(String(got.parsed.headers.get('auto-submitted'))).toBe('auto-replied');
    } finally {
      await conn.stop();
    }
  });

  it('reports a refused SMTP login as AUTH, which is not retried', async () => {
    const { conn } = await connect({
      smtp: { host: p.smtp.host, port: p.smtp.port, secure: false, user: 'hub', password: 'wrong' },
    });
    try {
      const err = await conn.send(outbound('never sent')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelError);
      expect((err as ChannelError).code).toBe('AUTH');
      expect((err as ChannelError).retryable).toBe(false);
    } finally {
      await conn.stop();
    }
  });

  it('hands the hub every new mail with sender, subject, threading hints and machine flags', async () => {
    const { conn, recorded, append } = await connect();
    try {
      const id = mid('hello');
      await append(
        mail({ subject: 'No signal since Monday', body: 'My line 7xxxxxx has no signal.', messageId: id }),
      );
      const got = await eventually(async () => recorded.received.find((m) => m.externalId === id));
      expect(got).toMatchObject({
        channel: 'email',
        threadKey: `mail:${id}`,
        subject: 'No signal since Monday',
        sender: { externalId: 'ana@customer.example', email: 'ana@customer.example', name: 'Ana Perez' },
        contentType: 'email',
      });
      expect(got.text).toBe('My line 7xxxxxx has no signal.');
      expect(got.automated).toBe(false);

      const auto = mid('ooo');
      await append(
        mail({
          subject: 'Out of office',
          body: 'I am away',
          messageId: auto,
          headers: { 'Auto-Submitted': 'auto-replied' },
        }),
      );
      const list = mid('list');
      await append(
        mail({ subject: 'News', body: 'weekly', messageId: list, headers: { Precedence: 'bulk' } }),
      );
      const robot = mid('robot');
      await append(
        mail({ from: 'noreply@shop.example', subject: 'Your order', body: 'x', messageId: robot }),
      );
      const person = mid('person');
      await append(
        mail({ subject: 'Hi', body: 'x', messageId: person, headers: { 'Auto-Submitted': 'no' } }),
      );
      await eventually(async () => recorded.received.some((m) => m.externalId === person));
      const flag = (x: string) => recorded.received.find((m) => m.externalId === x)?.automated;
      expect([flag(auto), flag(list), flag(robot), flag(person)]).toEqual([true, true, true, false]);
    } finally {
      await conn.stop();
    }
  });

  it('turns a delivery status notification into a failed status for our message, not a new message', async () => {
    const { conn, recorded, append } = await connect();
    try {
      const ours = ourMessageId('inbox-secret', 7, 99, 'hub.example');
      const before = recorded.received.length;
      await append(bounce(ours, 'gone@customer.example'));
      const status = await eventually(async () => recorded.statuses.find((s) => s.externalId === ours));
      expect(status.status).toBe('failed');
      expect(status.error).toMatch(/550 5\.1\.1.*User unknown/);
      // The next mail comes through, and the bounce itself never became a message.
      const next = mid('after-bounce');
      await append(mail({ subject: 'after', body: 'x', messageId: next }));
      await eventually(async () => recorded.received.some((m) => m.externalId === next));
      expect(recorded.received.slice(before).map((m) => m.externalId)).not.toContain(ours);
      expect(recorded.received.slice(before).every((m) => !/Undelivered/.test(m.subject ?? ''))).toBe(true);
    } finally {
      await conn.stop();
    }
  });

  it('resumes after its last committed UID, and re-reads a mailbox whose UIDVALIDITY changed', async () => {
    const made = await connect();
    const { append } = made;
    const key = `imap:${made.mailbox}`;
    const seen = mid('before-stop');
    await append(mail({ subject: 'one', body: 'x', messageId: seen }));
    await eventually(async () => made.recorded.received.some((m) => m.externalId === seen));
    const cursor = await made.ctx.cursor.get<{ uidValidity: string; lastUid: number }>(key);
    expect(cursor?.lastUid).toBeGreaterThan(0);
    await made.conn.stop();

    // While stopped, two mails arrive; a new connection with the same cursor store reads only those.
    const whileDown = [mid('down1'), mid('down2')];
    for (const id of whileDown) await append(mail({ subject: 'down', body: 'x', messageId: id }));
    const before = made.recorded.received.length;
    const again = emailChannel.create(made.ctx);
    await again.start();
    await eventually(async () => made.recorded.received.length >= before + 2);
    // A fence instead of a pause: mails are handed over in UID order, so once a mail appended now is
    // read, anything read wrongly (an old mail again) is in the list before it.
    const fence = mid('fence');
    await append(mail({ subject: 'fence', body: 'x', messageId: fence }));
    await eventually(async () => made.recorded.received.some((m) => m.externalId === fence));
    expect(made.recorded.received.slice(before).map((m) => m.externalId)).toEqual([...whileDown, fence]);

    // The server rebuilds the mailbox: new UIDVALIDITY, same mails with new UIDs. Everything is read
    // again (the hub's Message-ID uniqueness stores each once) and reading carries on.
    const total = (await made.ctx.cursor.get<{ lastUid: number }>(key))!.lastUid;
    await p.imap.recreateMailbox(made.mailbox);
    const after = mid('after-resync');
    await append(mail({ subject: 'after', body: 'x', messageId: after }));
    await eventually(async () => made.recorded.received.some((m) => m.externalId === after), 30_000);
    const next = await made.ctx.cursor.get<{ uidValidity: string; lastUid: number }>(key);
    expect(next!.uidValidity).not.toBe(cursor!.uidValidity);
    const reread = made.recorded.received.slice(before + 3).map((m) => m.externalId);
    expect(reread).toContain(seen);
    expect(reread.length).toBe(total + 1);
    await again.stop();
  });

  it('keeps a mail the hub refuses as a notice with its source, and reads on', async () => {
    const made = await connect();
    const poison = mid('poison');
    const receive = made.ctx.receive;
    made.ctx.receive = async (m) => {
      if (m.externalId === poison) throw new Error('the hub refused this one');
      await receive(m);
    };
    try {
      await made.append(mail({ subject: 'poison', body: 'x', messageId: poison }));
      const next = mid('after-poison');
      await made.append(mail({ subject: 'fine', body: 'x', messageId: next }));
      // Read in one batch, the next mail commits in the first pass and the notice only in the one-by-one
      // retry that follows: wait for both.
      const noticeOf = () => made.recorded.received.find((m) => m.externalId.endsWith('@unreadable>'));
      await eventually(async () => made.recorded.received.some((m) => m.externalId === next) && !!noticeOf());
      const notice = noticeOf()!;
      expect(notice.text).toMatch(/could not be stored \(the hub refused this one\)/);
      expect(Buffer.from(notice.attachments![0].data).toString()).toContain(`Message-ID: ${poison}`);
      expect(notice.automated).toBe(true);
      await eventually(async () => {
        const c = await made.ctx.cursor.get<{ lastUid: number }>(`imap:${made.mailbox}`);
        return c?.lastUid === 2;
      });
    } finally {
      await made.conn.stop();
    }
  });

  it('reads awkward real-world MIME without crashing or blocking the mailbox', async () => {
    const { conn, recorded, append } = await connect();
    try {
      const before = recorded.received.length;
      const corpus = awkwardCorpus();
      for (const c of corpus) await append(c.raw);
      const sentinel = mid('sentinel');
      await append(mail({ subject: 'sentinel', body: 'still reading', messageId: sentinel }));
      await eventually(async () => recorded.received.some((m) => m.externalId === sentinel), 30_000);
      const got = recorded.received.slice(before);
      expect(got.length).toBe(corpus.length + 1);

      const latin = got.find((m) => m.subject === 'Factura de señal')!;
      expect(latin.sender.name).toBe('José Peña');
      expect(latin.text).toBe('No tengo señal desde el lunes, ¿pueden revisar?');

      const nested = got.find((m) => m.subject === 'photo of my ID')!;
      expect(nested.text).toBe('See my ID card attached.');
      expect(nested.html).toContain('cid:idcard@x');
      expect(nested.attachments?.find((a) => a.contentId === 'idcard@x')?.mime).toBe('image/png');

      const broken = got.find((m) => m.externalId.includes('@no-message-id>'))!;
      expect(broken.sender.externalId).toBe('unknown@invalid');
      expect(broken.text).toContain('unknown charset');

      const big = got.find((m) => m.subject === 'big file')!;
      expect(big.attachments?.[0].data.length).toBe(3 * 1024 * 1024);
    } finally {
      await conn.stop();
    }
  });
});

describe('mail parsing', () => {
  it('folds quoted history and signatures but keeps the full text', async () => {
    const body =
      'Yes, it works now.\n\nOn Mon, 2 Nov 2026 at 10:00, Support <s@x> wrote:\n> Please restart the modem.\n';
    const parsed = await parseMail(Buffer.from(mail({ subject: 'Re: modem', body })));
    if (parsed.kind !== 'message') throw new Error('expected a message');
    expect(parsed.text).toBe('Yes, it works now.');
    expect((parsed.meta.email as { fullText: string }).fullText).toContain('> Please restart the modem.');
    expect(foldQuoted('Gracias\n-- \nAna\n+591 700')).toBe('Gracias');
    expect(foldQuoted('Keep > this line\nand this')).toBe('Keep > this line\nand this');
  });

  it('lists what a mail answers, In-Reply-To first then References newest first', async () => {
    const [a, b, c] = [mid('a'), mid('b'), mid('c')];
    const parsed = await parseMail(
      Buffer.from(mail({ subject: 'Re: x', body: 'x', inReplyTo: c, references: [a, b, c] })),
    );
    if (parsed.kind !== 'message') throw new Error('expected a message');
    expect(parsed.answers).toEqual([c, b, a]);
  });

  it('tells forwarded mail apart, in the languages the floor sees', async () => {
    for (const subject of ['Fwd: factura', 'FW: factura', 'RV: factura', 'Enc: factura', 'TR: facture']) {
      const parsed = await parseMail(Buffer.from(mail({ subject, body: 'x' })));
      expect(parsed.kind === 'message' && parsed.forwarded).toBe(true);
    }
    const reply = await parseMail(Buffer.from(mail({ subject: 'Re: factura', body: 'x' })));
    expect(reply.kind === 'message' && reply.forwarded).toBe(false);
  });

  it('builds reply subjects and trims long References chains to root plus the newest', () => {
    expect(replySubject('Re: Aw: RE: Billing', 12)).toBe('Re: Billing [#12]');
    expect(replySubject('Billing [#12]', 12)).toBe('Re: Billing [#12]');
    expect(replySubject(null, 3)).toBe('Re: Your request [#3]');
    // The first mail of a thread the hub starts answers nothing.
    expect(replySubject('Términos y condiciones', 9, false)).toBe('Términos y condiciones [#9]');
    const ids = Array.from({ length: 30 }, (_, i) => `<${i}@x>`);
    const trimmed = trimReferences(ids);
    expect(trimmed.length).toBe(20);
    expect(trimmed[0]).toBe('<0@x>');
    expect(trimmed.at(-1)).toBe('<29@x>');
  });
});
