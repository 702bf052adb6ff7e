// The e-mail channel: IMAP IDLE in (imap-receiver.ts), SMTP out (smtp-sender.ts), threading by
// reference, signed Message-ID and subject tag, loop guard and bounces (parse-mail.ts).
import { lookup } from 'node:dns/promises';
import type { ChannelDefinition, ConnectionCheck } from '../types.ts';
import { type EmailConfig, emailConfigSchema } from './config.ts';
import { createImapReceiver, imapClient } from './imap-receiver.ts';
import { createSmtpSender, smtpTransport } from './smtp-sender.ts';

export const emailChannel: ChannelDefinition<EmailConfig> = {
  kind: 'email',
  configSchema: emailConfigSchema,
  secretFields: ['imap.password', 'smtp.password'],
  // The secret signs our Message-IDs, so replies are recognised even without threading headers.
  signingSecret: true,
  capabilities: { attachments: true, typing: false, receipts: false },
  create(ctx) {
    const receiver = createImapReceiver(ctx);
    const sender = createSmtpSender(ctx);
    return {
      async start() {
        receiver.start();
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

async function checkConnection(config: EmailConfig): Promise<ConnectionCheck[]> {
  const checks: ConnectionCheck[] = [];
  const step = async (name: string, run: () => Promise<unknown>) => {
    try {
      await run();
      checks.push({ step: name, ok: true });
      return true;
    } catch (err) {
      const e = err as { message?: string; code?: string; responseText?: string };
      checks.push({ step: name, ok: false, detail: e.responseText ?? e.message ?? e.code ?? String(err) });
      return false;
    }
  };
  if (await step('imap dns', () => lookup(config.imap.host))) {
    const client = imapClient(config);
    const connected = await step('imap connect and login', () => client.connect());
    if (connected) {
      await step(`imap mailbox ${config.imap.mailbox ?? 'INBOX'}`, () =>
        client.mailboxOpen(config.imap.mailbox ?? 'INBOX', { readOnly: true }),
      );
      await client.logout().catch(() => client.close());
    }
  }
  if (await step('smtp dns', () => lookup(config.smtp.host))) {
    const transport = smtpTransport(config);
    await step('smtp connect and login', () => transport.verify());
    transport.close();
  }
  return checks;
}
