// Mail from the wild (issue 13): which mail a machine sent — lists, newsletters, no-reply robots, senders
// that cannot receive — and is never answered automatically; and what a delivery status notification
// says: only a final failure fails our message, a delay is a warning, and the reason is the diagnostic
// the server gave (or its status), never a neighbouring field.
import { describe, expect, it } from 'vitest';
import { parseMail } from '#channels/email/parse-mail.ts';
import { bounce, mail, mid } from './mails.ts';

const automated = async (raw: string) => {
  const parsed = await parseMail(Buffer.from(raw));
  if (parsed.kind !== 'message') throw new Error(`parsed as ${parsed.kind}`);
  return parsed.automated;
};
const plain = (o: { from?: string; headers?: Record<string, string> } = {}) =>
  mail({ subject: 'Hola', body: 'Quisiera saber mi saldo', ...o });

describe('machine mail', () => {
  it('answers a person', async () => {
    expect(await automated(plain())).toBe(false);
    expect(await automated(plain({ from: 'Rosa <rosa.noriega@customer.example>' }))).toBe(false);
  });

  it.each([
    [
      'a mailing list (List-Id and List-Unsubscribe)',
      { 'List-Id': '<ofertas.lists.example>', 'List-Unsubscribe': '<mailto:u@lists.example>' },
    ],
    ['a list that names only its unsubscribe link', { 'List-Unsubscribe': '<https://news.example/u?x=1>' }],
    ['a list post address', { 'List-Post': '<mailto:vecinos@lists.example>' }],
    ['an auto-reply (RFC 3834)', { 'Auto-Submitted': 'auto-replied' }],
    ['bulk precedence', { Precedence: 'bulk' }],
    ['a sender asking for no auto-responses', { 'X-Auto-Response-Suppress': 'All' }],
    ['a bulk mailer (Feedback-ID)', { 'Feedback-ID': '1.eu-west-1.abc:AmazonSES' }],
    ['a bulk mailer (campaign id)', { 'X-Campaign-Id': 'spring-sale' }],
    ['a null return path (a bounce or robot)', { 'Return-Path': '<>' }],
  ])('is %s', async (_what, headers) => {
    expect(await automated(plain({ headers }))).toBe(true);
  });

  it.each([
    'gmail-noreply@google.com',
    'no-reply@bank.example',
    'alerts.noreply@shop.example',
    'donotreply@telco.example',
    'MAILER-DAEMON@mx.example',
    'bounces+123@mailer.example',
  ])('is a robot sender: %s', async (from) => {
    expect(await automated(plain({ from }))).toBe(true);
  });

  it('never answers an address that cannot receive (no usable From)', async () => {
    expect(await automated(plain({ from: 'undisclosed-recipients:;' }))).toBe(true);
    expect(await automated(plain({ from: 'Ana <ana@localhost>' }))).toBe(true);
    expect(await automated(plain({ from: 'Ana <ana@shop.invalid>' }))).toBe(true);
  });
});

describe('delivery status notifications', () => {
  const ours = () => mid('ours');

  it('a final failure fails our message, with the diagnostic as the reason', async () => {
    const id = ours();
    const parsed = await parseMail(Buffer.from(bounce(id, 'gone@customer.example')));
    expect(parsed).toMatchObject({ kind: 'bounce', action: 'failed', originalMessageId: id });
    expect(parsed.kind === 'bounce' && parsed.reason).toContain('User unknown');
  });

  it('a delay (mailbox full, still retrying) is a warning, not a failure', async () => {
    const id = ours();
    const parsed = await parseMail(
      Buffer.from(
        bounce(id, 'full@customer.example', {
          action: 'delayed',
          diagnostic: 'smtp; 452 4.2.2 Mailbox full, will retry',
        }),
      ),
    );
    expect(parsed).toMatchObject({ kind: 'bounce', action: 'delayed', originalMessageId: id });
    expect(parsed.kind === 'bounce' && parsed.reason).toContain('Mailbox full');
  });

  it('an empty diagnostic gives the status, not the next field', async () => {
    const parsed = await parseMail(Buffer.from(bounce(ours(), 'x@customer.example', { diagnostic: null })));
    expect(parsed.kind === 'bounce' && parsed.reason).toBe('delivery failed with status 5.1.1');
  });
});
