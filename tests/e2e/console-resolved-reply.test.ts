// A resolved conversation in a real Chromium keeps its composer, as people expect: it says a reply
// reopens the conversation, and sending one does — the conversation is open again, the reply stored
// after the reopening — while a private note leaves it resolved. Screenshot: /tmp/resolved-reply.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, logInConsole, shotOnFailure } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page | undefined;
const pageErrors: string[] = [];
let conversationId = '';

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  const inbox = await account.apiInbox();
  const first = await incoming(t.url, inbox, {
    externalId: 'rr-1',
    contact: { externalId: 'rosa', name: 'Rosa Vargas' },
    text: 'Thanks, that is all',
  });
  conversationId = first.body.data.conversation.id;
  const admin = client(t.url, account.adminToken);
  const resolved = await admin.post(`/conversations/${conversationId}/status`, { status: 'resolved' });
  expect(resolved.body.data.status).toBe('resolved');
  browser = await launchChromium();
});
shotOnFailure('console-resolved-reply', () => page);
afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

describe('replying to a resolved conversation', () => {
  it('a note keeps it resolved; a reply reopens it and is sent', async () => {
    page = await consolePage(browser, { viewport: { width: 1280, height: 900 }, errors: pageErrors });
    const p = page;
    await logInConsole(p, t.url, account.admin.email);
    await p.goto(`${t.url}/conversations/${conversationId}`);
    const composer = p.locator('form.composer');
    await composer.waitFor();
    expect(await composer.locator('.composer-reopens').textContent()).toBe(
      'This conversation is resolved: sending a reply reopens it.',
    );
    const admin = client(t.url, account.adminToken);
    const statusNow = async () => (await admin.get(`/conversations/${conversationId}`)).body.data.status;

    await composer.getByRole('tab', { name: 'Private note' }).click();
    expect(await composer.locator('.composer-reopens').count()).toBe(0);
    await composer.locator('textarea').fill('Customer confirmed by phone');
    await composer.locator('textarea').press('Control+Enter');
    await expect
      .poll(async () => (await admin.get(`/conversations/${conversationId}/messages`)).body.data.length)
      .toBe(2);
    expect(await statusNow()).toBe('resolved');

    await composer.getByRole('tab', { name: 'Reply' }).click();
    await composer.locator('textarea').fill('One more thing: your refund is on its way.');
    await shot(p);
    await composer.locator('textarea').press('Control+Enter');
    // Reopened first, then the reply goes out: wait for the reply, then look at both.
    await expect
      .poll(async () => (await admin.get(`/conversations/${conversationId}/messages`)).body.data.length)
      .toBe(3);
    expect(await statusNow()).toBe('open');
    const messages = (await admin.get(`/conversations/${conversationId}/messages`)).body.data;
    expect(messages.at(-1)).toMatchObject({
      direction: 'out',
      private: false,
      text: 'One more thing: your refund is on its way.',
    });
    const events = (await admin.get(`/conversations/${conversationId}/events`)).body.data;
    expect(
      events.filter((e: { type: string }) => e.type === 'conversation.status_changed').at(-1),
    ).toMatchObject({ data: { from: 'resolved', to: 'open' }, actorType: 'user' });
    // Open again: the composer no longer says it will reopen anything.
    await expect.poll(() => composer.locator('.composer-reopens').count()).toBe(0);
  });
});

const shot = (p: Page) => p.screenshot({ path: '/tmp/resolved-reply.png', fullPage: true });
