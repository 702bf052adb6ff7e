// The social channels in a real Chromium against a real hub, with an X API stand-in on loopback. On a
// mention the composer says plainly that the answer is public, counts as X counts (a CJK character weighs
// 2) with a live "n / 280", and refuses 281 before anything leaves the browser; "Reply privately" sends the
// same text as a DM to the author (the hub's `privately`). An admin creating a Facebook inbox generates a
// verify token, sees the callback URL to paste into Meta's settings once the inbox exists, copies it, and
// Meta's handshake then succeeds with that token; the X inbox's page shows this month's read spend against
// its budget, and that polling was slowed. Screenshots land in tests/.tmp/e2e/console-social-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XConnection } from '#channels/twitter/index.ts';
import { weightedLength } from '#shared/weighted-length.ts';
import { post, user } from '#tests/channels/twitter/payloads.ts';
import { configFor, KEYS } from '#tests/channels/twitter/setup.ts';
import { type GraphApi, startGraphApi } from '#tests/helpers/graph-api.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { startXApi, type XApi } from '#tests/helpers/x-api.ts';
import { consolePage, launchChromium, logInConsole, shotOnFailure, shots } from './helpers.ts';

let t: TestHub;
let x: XApi;
let graph: GraphApi;
let account: SeededAccount;
let browser: Browser;
let page: Page;
let xInboxId: string;
let mentionConversation: string;
const pageErrors: string[] = [];
const api = () => client(t.url, account.adminToken);

const ana = user('41000001', 'ana_social', 5_400, true);
const tweet = post(ana, '@acme tres días sin internet y nadie responde');
const PAGE_ID = '104582915338201';
const PAGE_TOKEN = 'EAAG-page-token';
/** 281 as X counts (each CJK character weighs 2), 141 as JavaScript counts. */
const cjk281 = `${'服'.repeat(140)}a`;

type Msg = { id: string; text: string | null; direction: string; status: string; privately?: boolean };
const messagesOf = async (id: string): Promise<Msg[]> =>
  (await api().get(`/conversations/${id}/messages`)).body.data;

beforeAll(async () => {
  [t, x, graph] = await Promise.all([
    startTestHub(),
    startXApi(KEYS),
    startGraphApi({ accessToken: PAGE_TOKEN, pageId: PAGE_ID }),
  ]);
  account = await seedAccount(t);
  // A budget of 4 cents: the first poll (the account, one mention and its author) spends 2.5 of them.
  const inbox = await api().post('/inboxes', {
    name: 'X @acme',
    channel: 'twitter',
    config: configFor(x, { monthlyBudgetUsd: 0.04 }),
  });
  expect(inbox.status).toBe(201);
  xInboxId = inbox.body.data.id;
  x.mention(tweet, ana);
  const conn = t.hub.ctx.channels.get(Number(xInboxId))!.connection as XConnection;
  await conn.pollNow();
  const list: { id: string }[] = (await api().get(`/conversations?inboxId=${xInboxId}`)).body.data;
  expect(list).toHaveLength(1);
  mentionConversation = list[0].id;

  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
    errors: pageErrors,
  });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
  await logInConsole(page, t.url, account.admin.email);
});
shotOnFailure('console-social', () => page);
afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
  await x?.close();
  await graph?.close();
});

describe('answering on a social channel', () => {
  it('says the answer to a mention is public, counts as X does, and refuses 281 before sending', async () => {
    await page.goto(`${t.url}/conversations/${mentionConversation}`);
    const composer = page.locator('.composer');
    await composer.locator('textarea').waitFor();
    const note = composer.locator('.public-note');
    await note.waitFor();
    expect((await note.textContent())?.trim()).toBe(
      'Public answer: everyone who sees the post sees this answer.',
    );
    const counter = composer.locator('.text-counter');
    expect(await counter.textContent()).toBe('0 / 280');

    expect(weightedLength(cjk281)).toBe(281);
    await composer.locator('textarea').fill(cjk281);
    expect(await counter.textContent()).toBe('281 / 280');
    expect(await counter.getAttribute('data-over')).toBe('true');
    const refusal = composer.locator('.text-too-long');
    expect(await refusal.textContent()).toContain('Too long for X (Twitter): 281 of at most 280');
    expect(await composer.locator('button[type=submit]').isDisabled()).toBe(true);
    // Enter does not send it either: nothing reaches the hub, nothing reaches X.
    const before = await messagesOf(mentionConversation);
    const writes = x.writes().length;
    await composer.locator('textarea').press('Enter');
    await page.screenshot({ path: join(shots, 'console-social-1-public-over-limit.png') });
    expect(await messagesOf(mentionConversation)).toEqual(before);
    expect(x.writes().length).toBe(writes);

    // One CJK character less is 279: allowed.
    await composer.locator('textarea').fill(cjk281.slice(0, 139));
    expect(await counter.textContent()).toBe('278 / 280');
    expect(await composer.locator('.text-too-long').count()).toBe(0);
    expect(await composer.locator('button[type=submit]').isEnabled()).toBe(true);
  });

  it('sends the same text privately, as a DM to the author, with "Reply privately"', async () => {
    const composer = page.locator('.composer');
    await composer.locator('textarea').fill(cjk281);
    await composer.getByLabel('Reply privately').check();
    // A private answer is a DM: its own limit, counted in characters; the public note is gone.
    expect(await composer.locator('.public-note').count()).toBe(0);
    expect(await composer.locator('.private-note').textContent()).toContain('Only the author receives it');
    expect(await composer.locator('.text-counter').textContent()).toBe('141 / 10000');
    await page.screenshot({ path: join(shots, 'console-social-2-privately.png') });
    await composer.locator('button[type=submit]').click();

    const dm = await eventually(async () => x.writes().find((w) => w.json?.text === cjk281));
    expect(dm.path).toBe(`/2/dm_conversations/with/${ana.id}/messages`);
    const stored = await eventually(async () =>
      (await messagesOf(mentionConversation)).find((m) => m.text === cjk281 && m.status === 'sent'),
    );
    expect(stored.privately).toBe(true);
    expect(await composer.locator('textarea').inputValue()).toBe('');
    // The timeline says where it went.
    await page
      .locator('.msg.out', { hasText: cjk281 })
      .locator('.privately', { hasText: 'sent privately, to the author only' })
      .waitFor();
  });

  it('sends a public answer as a reply to the mention', async () => {
    const composer = page.locator('.composer');
    // The switch keeps the agent's choice after a send: falling back to public by itself could publish a
    // follow-up meant to stay private. Going public again is explicit.
    expect(await composer.getByLabel('Reply privately').isChecked()).toBe(true);
    await composer.getByLabel('Reply privately').uncheck();
    await composer.locator('textarea').fill('@ana_social ya lo estamos revisando, gracias');
    await composer.locator('button[type=submit]').click();
    const reply = await eventually(async () =>
      x.writes().find((w) => w.path === '/2/tweets' && String(w.json?.text).startsWith('@ana_social ya')),
    );
    expect(reply.json?.reply).toEqual({ in_reply_to_tweet_id: tweet.id });
    await page.locator('.msg', { hasText: '@ana_social ya lo estamos revisando' }).waitFor();
    await page.screenshot({ path: join(shots, 'console-social-3-public-sent.png') });
  });
});

describe('social inboxes for admins', () => {
  it('shows a Facebook inbox its callback URL and verify token to paste into Meta, and Meta’s handshake works', async () => {
    await page.goto(`${t.url}/admin/inboxes`);
    await page.getByRole('button', { name: '+ New inbox' }).click();
    const form = page.locator('form[aria-label="New inbox"]');
    await form.locator('[name=name]').fill('Página Acme');
    await form.locator('[name=channel]').selectOption('facebook');
    await form.locator('[name=pageId]').fill(PAGE_ID);
    await form.locator('[name=pageAccessToken]').fill(PAGE_TOKEN);
    await form.locator('[name=appSecret]').fill('meta-app-secret');
    await form.locator('[name=graphBaseUrl]').fill(graph.url);
    const setup = form.locator('.webhook-setup');
    // Before saving: no URL yet (it needs the inbox's id); a verify token can be generated.
    expect(await setup.locator('.webhook-url').count()).toBe(0);
    expect(await setup.textContent()).toContain('The callback URL appears here once the inbox is created');
    await setup.getByRole('button', { name: 'Generate one' }).click();
    const verifyToken = await setup.locator('.webhook-verify-token').inputValue();
    expect(verifyToken).toMatch(/^[\w-]{32}$/);
    // "Test connection" reads the Page with the token (a Graph API stand-in on loopback).
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.locator('ul.checks li', { hasText: 'graph api page' }).waitFor();
    expect(await form.locator('ul.checks li').allTextContents()).toEqual(['✓ graph api page: Acme Telecom']);
    await page.screenshot({ path: join(shots, 'console-social-4-facebook-new.png') });
    await form.getByRole('button', { name: 'Create' }).click();

    const saved = page.locator('form[aria-label="Página Acme"]');
    await saved.waitFor();
    const inbox = (await api().get('/inboxes')).body.data.find(
      (i: { name: string }) => i.name === 'Página Acme',
    );
    const url = `${t.url}/webhooks/facebook/${inbox.id}`;
    const shown = saved.locator('.webhook-setup .webhook-url');
    expect(await shown.inputValue()).toBe(url);
    await saved.getByRole('button', { name: 'Copy: Callback URL' }).click();
    await saved.locator('.webhook-setup [role=status]', { hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    // Saved, the token is sealed like every secret: the page says which value it is instead.
    expect(await saved.locator('.verify-token-note').textContent()).toContain('The value you saved');
    expect(JSON.stringify(inbox)).not.toContain(verifyToken);
    await page.screenshot({ path: join(shots, 'console-social-5-facebook-saved.png') });

    // What Meta does with the two values pasted: its subscription handshake.
    const handshake = await fetch(
      `${url}?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`,
    );
    expect([handshake.status, await handshake.text()]).toEqual([200, '1158201444']);
  });

  it('shows the X inbox’s read spend this month against its budget, and that polling slowed', async () => {
    await page.goto(`${t.url}/admin/inboxes`);
    await page.getByRole('button', { name: 'Edit X @acme' }).click();
    const usage = page.locator('form[aria-label="X @acme"] .inbox-usage');
    await usage.waitFor();
    expect(await usage.textContent()).toBe(
      'Spend this month: Spent $0.025 of $0.04 this month polling slowed to save the budget',
    );
    expect(await usage.getAttribute('data-state')).toBe('slowed');
    // A polled channel has no webhook to paste anywhere; its tokens are tried by "Test connection".
    const form = page.locator('form[aria-label="X @acme"]');
    expect(await form.locator('.webhook-setup').count()).toBe(0);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.locator('ul.checks li').first().waitFor();
    expect(await form.locator('ul.checks li').allTextContents()).toEqual(['✓ x api account: @acme']);
    await usage.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'console-social-6-x-spend.png') });
  });

  it('shows an X inbox whose tokens X refuses as needing new ones', async () => {
    const res = await api().post('/inboxes', {
      name: 'X revoked',
      channel: 'twitter',
      config: configFor(x, { accessToken: 'revoked-token' }),
    });
    expect(res.status).toBe(201);
    await page.goto(`${t.url}/admin/inboxes`);
    const row = page.locator('table.inboxes tr', { hasText: 'X revoked' });
    await row.locator('.badge.warn[data-health="needs_auth"]', { hasText: 'Needs sign-in' }).waitFor();
    expect(await row.textContent()).toContain('X API 401');
    await page.screenshot({ path: join(shots, 'console-social-7-needs-auth.png') });
  });
});
