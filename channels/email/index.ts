// The e-mail channel: IMAP IDLE in (imap-receiver.ts), SMTP out (smtp-sender.ts), threading by
// reference, signed Message-ID and subject tag, loop guard and bounces (parse-mail.ts).
import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { noCapabilities } from '../capabilities.ts';
import type { ChannelDefinition, ConnectionCheck } from '../types.ts';
import { type EmailConfig, emailConfigSchema } from './config.ts';
import { createImapReceiver, imapClient } from './imap-receiver.ts';
import { createSmtpSender, smtpTransport } from './smtp-sender.ts';

export const emailChannel: ChannelDefinition<EmailConfig> = {
  kind: 'email',
  label: 'E-mail',
  tag: { en: 'E-mail', es: 'Correo', ar: 'بريد' },
  inbound: 'connection',
  // An auto-reply loop with another machine must end: automatic mails are capped by default.
  protocol: { family: 'email', automaticRepliesPerHour: 3 },
  // Mail is answered in hours.
  service: { sla: { firstResponseSeconds: 4 * 3600, resolutionSeconds: 3 * 86_400 }, capacity: 10 },
  configSchema: emailConfigSchema,
  secretFields: ['imap.password', 'smtp.password'],
  // The secret signs our Message-IDs, so replies are recognised even without threading headers.
  signingSecret: true,
  capabilities: {
    ...noCapabilities,
    attachments: true,
    richEmail: true,
  },
  // A reply finds its conversation by our signed Message-ID, whatever the thread key: a fresh one each time.
  mailAddress: (email) => ({ threadKey: `mail:<${randomUUID()}@hub>`, externalId: email.toLowerCase() }),
  create(ctx) {
    const receiver = createImapReceiver(ctx);
    const sender = createSmtpSender(ctx);
    return {
      async start() {
        await receiver.start();
      },
      async stop() {
        await receiver.stop();
        sender.close();
      },
      send: (out) => sender.send(out),
    };
  },
  testConnection: checkConnection,
};

/**
 * Tries the settings step by step and stops at the first failure of each server, so the admin reads
 * exactly what is wrong: the name (DNS), the port (connect), the certificate (TLS), the password
 * (login) or the mailbox.
 */
async function checkConnection(config: EmailConfig): Promise<ConnectionCheck[]> {
  const checks: ConnectionCheck[] = [];
  const step = async (name: string, run: () => Promise<unknown>) => {
    try {
      await run();
      checks.push({ step: name, ok: true });
      return true;
    } catch (err) {
      const e = err as { message?: string; code?: string; responseText?: string; response?: string };
      const detail = e.responseText ?? e.response ?? e.message ?? e.code ?? String(err);
      checks.push({
        step: name,
        ok: false,
        detail: e.code && !detail.includes(e.code) ? `${e.code}: ${detail}` : detail,
      });
      return false;
    }
  };
  const reach = async (kind: 'imap' | 'smtp', server: { host: string; port: number; secure: boolean }) =>
    (await step(`${kind} dns`, () => lookup(server.host))) &&
    (await step(`${kind} connect`, () => probe(server.host, server.port, false, config))) &&
    (!server.secure || (await step(`${kind} tls`, () => probe(server.host, server.port, true, config))));

  if (await reach('imap', config.imap)) {
    const client = imapClient(config);
    if (await step('imap login', () => client.connect())) {
      const mailbox = config.imap.mailbox ?? 'INBOX';
      await step(`imap mailbox ${mailbox}`, () => client.mailboxOpen(mailbox, { readOnly: true }));
      await client.logout().catch(() => client.close());
    } else {
      client.close();
    }
  }
  if (await reach('smtp', config.smtp)) {
    const transport = smtpTransport(config);
    await step('smtp login', () => transport.verify());
    transport.close();
  }
  return checks;
}

/** Opens a TCP (or TLS) connection and closes it: whether the port answers, and the certificate holds. */
function probe(host: string, port: number, secure: boolean, config: EmailConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = secure
      ? tlsConnect({ host, port, servername: host, rejectUnauthorized: !config.allowInvalidCertificates })
      : netConnect({ host, port });
    const done = (err?: Error) => {
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    socket.setTimeout(10_000, () => done(new Error(`no answer from ${host}:${port} within 10 s`)));
    socket.once('error', done);
    socket.once(secure ? 'secureConnect' : 'connect', () => done());
  });
}
