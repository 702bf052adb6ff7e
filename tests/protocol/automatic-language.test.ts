// The hub's automatic messages speak the customer's language: the widget's locale from the handshake wins
// over the inbox's language (an Arabic visitor on a Spanish inbox is greeted in Arabic), and a visitor
// whose widget sends none is answered in the inbox's language. The conversation keeps the language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { closeAllVisitors, connectVisitor, visitorSees, webchatInbox } from '#tests/helpers/widget.ts';

let t: TestHub;
let a: SeededAccount;
let spanishInbox: { token: string };

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'Fijacom');
  spanishInbox = await webchatInbox(t, a, { language: 'es' });
});
afterAll(async () => {
  closeAllVisitors();
  await t?.destroy();
});

/** A new visitor with `auth`'s extras writes once; returns the hub's first message and the conversation. */
async function firstAnswer(inboxToken: string, extra: Record<string, unknown>, text: string, part: string) {
  const v = await connectVisitor(t, { inboxToken, ...extra });
  const sent = await v.emit('message:send', { clientMessageId: 'c-1', text });
  expect(sent.ok).toBe(true);
  const said = await visitorSees(v, part);
  const conv = (await client(t.url, a.adminToken).get(`/conversations/${sent.message.conversationId}`)).body
    .data;
  v.close();
  return { said, conv };
}

describe('automatic messages follow the customer language', () => {
  it('greets an Arabic widget in Arabic on a Spanish inbox, and asks the identification in Arabic', async () => {
    const { said, conv } = await firstAnswer(spanishInbox.token, { language: 'ar' }, 'مرحبا', 'مرحباً');
    expect(said).toContain('مرحباً! أهلاً بك في خدمة عملاء Fijacom.');
    expect(said).toContain('من فضلك أرسل رقم Fijacom (7 أرقام).');
    expect(said).not.toMatch(/Bienvenido|Welcome/);
    expect(conv.language).toBe('ar');
  });

  it('greets a Spanish widget in Spanish on an English inbox', async () => {
    const english = await webchatInbox(t, a, { language: 'en' });
    const { said, conv } = await firstAnswer(english.token, { language: 'es' }, 'Hola', 'Bienvenido');
    expect(said).toContain('¡Hola! Bienvenido al servicio de atención de Fijacom.');
    expect(said).toContain('Por favor, indíquenos su número Fijacom (7 dígitos).');
    expect(conv.language).toBe('es');
  });

  it('greets an English widget in English on a Spanish inbox', async () => {
    const { said } = await firstAnswer(spanishInbox.token, { language: 'en' }, 'Hello', 'Welcome');
    expect(said).toContain('Hello! Welcome to Fijacom customer service.');
    expect(said).toContain('Please tell us');
    expect(said).not.toContain('Bienvenido');
  });

  it("falls back to the inbox's language when the widget sends none or one the hub has no texts for", async () => {
    const none = await firstAnswer(spanishInbox.token, {}, 'Hello there', 'Bienvenido');
    expect(none.said).toContain('¡Hola! Bienvenido al servicio de atención de Fijacom.');
    expect(none.conv.language).toBeNull();

    const arabicInbox = await webchatInbox(t, a, { language: 'ar' });
    const french = await firstAnswer(arabicInbox.token, { language: 'fr-FR' }, 'Bonjour', 'مرحباً');
    expect(french.said).toContain('أهلاً بك في خدمة عملاء Fijacom');
  });

  it('ignores a malformed language instead of refusing the visitor', async () => {
    const { said } = await firstAnswer(spanishInbox.token, { language: '<script>' }, 'Hola', 'Bienvenido');
    expect(said).toContain('Bienvenido');
  });
});
