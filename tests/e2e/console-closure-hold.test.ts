// The closure-check hold in a real Chromium (issue 19, bug 5): a customer writes in the widget, the agent
// answers that the repair takes two hours and, from the conversation header, sets "Customer is waiting
// on us". The hub's clock passes the silence (and the auto-resolve after it): no "¿Pudimos resolver su
// consulta?" reaches the widget or the conversation, and it stays open. The agent releases the hold and
// the silence counts from then: the check arrives. Screenshots in tests/.tmp/e2e/console-closure-hold-*.png.
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '#server/db/schema.ts';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { webchatInbox } from '#tests/helpers/widget.ts';
import {
  consolePage,
  type HostSite,
  hostSite,
  launchChromium,
  logInConsole,
  shotOnFailure,
  shots,
  widgetFrame,
} from './helpers.ts';

const CHECK = '¿Pudimos resolver su consulta?';
const agentEmail = 'rita.closure@example.test';
let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let site: HostSite;
let agentPage: Page;
let customerPage: Page;
let frame: Frame;
let conversationId: string;
let agentToken: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t, 'Fijacom');
  const admin = client(t.url, account.adminToken);
  const created = await admin.post('/users', {
    name: 'Rita Closure',
    email: agentEmail,
    password: 'correct horse battery',
    role: 'agent',
  });
  expect(created.status).toBe(201);
  await t.hub.ctx.db
    .update(users)
    .set({ presence: 'online' })
    .where(eq(users.id, Number(created.body.data.id)));
  agentToken = (
    await client(t.url).post('/auth/login', { email: agentEmail, password: 'correct horse battery' })
  ).body.token;
  const inbox = await webchatInbox(t, account, { language: 'es', preChat: { enabled: false } });
  site = await hostSite(t.url, inbox.token);
  browser = await launchChromium();
  agentPage = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
  await logInConsole(agentPage, t.url, agentEmail);

  // The customer writes in the widget on the shop's site.
  customerPage = await (await browser.newContext({ locale: 'es-ES' })).newPage();
  await customerPage.goto(site.url);
  await customerPage.locator('hub-chat-widget button.b').click();
  frame = await widgetFrame(customerPage);
  await frame.fill('.composer textarea', 'Hola, no tengo internet desde ayer');
  await frame.press('.composer textarea', 'Enter');
  await frame.locator('li.m:not(.me) .bb', { hasText: 'Bienvenido' }).first().waitFor({ timeout: 15_000 });
  conversationId = await eventually(async () => {
    const list = (await admin.get('/conversations')).body.data as { id: string }[];
    return list[0]?.id;
  });
  expect(
    (await admin.post(`/conversations/${conversationId}/assign`, { assigneeId: created.body.data.id }))
      .status,
  ).toBe(200);
});

shotOnFailure('console-closure-hold', () => agentPage);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await t?.destroy();
});

/** The closure checks stored on the conversation (what the console's timeline shows). */
async function storedChecks(): Promise<number> {
  const all = (await client(t.url, account.adminToken).get(`/conversations/${conversationId}/messages`)).body
    .data as { text: string | null }[];
  return all.filter((m) => m.text?.includes(CHECK)).length;
}
const widgetChecks = () => frame.locator('li.m:not(.me) .bb', { hasText: CHECK }).count();

describe('holding the closure check from the console', () => {
  it('"Customer is waiting on us": the silence passes with no closure check anywhere', async () => {
    // The agent answers: a repair takes two hours (this reply would arm the check after 120 s).
    const reply = await client(t.url, agentToken).post(`/conversations/${conversationId}/messages`, {
      text: 'Un técnico va en camino; la reparación tarda unas dos horas.',
    });
    expect(reply.status).toBe(201);
    await frame.locator('li.m:not(.me) .bb', { hasText: 'dos horas' }).waitFor();

    await agentPage.locator(`li[data-id="${conversationId}"] button`).click();
    const header = agentPage.locator('section.conversation .bar');
    await header.getByRole('button', { name: /^Closure check/ }).click();
    const menu = agentPage.getByRole('menu', { name: 'Closure check' });
    await menu.getByRole('menuitem', { name: 'Customer is waiting on us' }).waitFor();
    await agentPage.screenshot({ path: join(shots, 'console-closure-hold-menu.png') });
    await menu.getByRole('menuitem', { name: 'Customer is waiting on us' }).click();
    await header.getByText(/^Customer is waiting on us: no closure check/).waitFor();
    await agentPage.screenshot({ path: join(shots, 'console-closure-hold-held.png') });
    const held = (await client(t.url, account.adminToken).get(`/conversations/${conversationId}`)).body.data;
    expect(held.closureHold).toMatchObject({ hold: 'waiting_on_us' });

    // Past the closure check (120 s) and the auto-resolve after it (180 s), and more.
    await advanceClock(t, 121_000);
    await settleQueue(t);
    await advanceClock(t, 400_000);
    await settleQueue(t);
    expect(await storedChecks()).toBe(0);
    expect(await widgetChecks()).toBe(0);
    expect((await client(t.url, agentToken).get(`/conversations/${conversationId}`)).body.data.status).toBe(
      'open',
    );
    await expect
      .poll(() => agentPage.locator('section.conversation .timeline').innerText())
      .not.toContain(CHECK);
    await header.getByText(/^Customer is waiting on us: no closure check/).waitFor();
    await agentPage.screenshot({ path: join(shots, 'console-closure-hold-silence-passed.png') });
    await customerPage.screenshot({ path: join(shots, 'console-closure-hold-widget-quiet.png') });
  });

  it('releasing the hold: the silence counts from then and the check reaches the widget', async () => {
    const header = agentPage.locator('section.conversation .bar');
    await header.getByRole('button', { name: 'Release the hold' }).click();
    await header.getByRole('button', { name: /^Closure check/ }).waitFor();
    expect(await header.getByText(/^Customer is waiting on us/).count()).toBe(0);
    expect(
      (await client(t.url, account.adminToken).get(`/conversations/${conversationId}`)).body.data.closureHold,
    ).toBeNull();

    await advanceClock(t, 100_000);
    await settleQueue(t);
    expect(await storedChecks()).toBe(0);
    await advanceClock(t, 25_000);
    await frame.locator('li.m:not(.me) .bb', { hasText: CHECK }).first().waitFor({ timeout: 15_000 });
    await agentPage.locator('section.conversation .timeline', { hasText: CHECK }).waitFor();
    expect(await storedChecks()).toBe(1);
    await agentPage.screenshot({ path: join(shots, 'console-closure-hold-released.png') });
    await customerPage.screenshot({ path: join(shots, 'console-closure-hold-widget-check.png') });
    expect(pageErrors).toEqual([]);
  });
});
