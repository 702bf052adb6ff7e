// Marketing's Mentions desk in a real Chromium (issue 15): mentions read by the X adapter from a loopback
// X API, scored by the hub from their authors' reach and their exposure, shown most influential first
// with every part of the score and its reason; a critical mention arriving while the page is open raises
// a live alert and takes the top of the list; hiding one is pending, then done, and a refusal from X is
// shown with X's reason; escalating with a note puts it in care; and the marketing user, who lands here,
// cannot open the admin pages. Screenshots land in tests/.tmp/e2e/console-mentions-*.png.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { XConnection } from '#channels/twitter/index.ts';
import type { MentionJson } from '#shared/mentions.schema.ts';
import { ME, post, problems, user, type XUserPayload } from '#tests/channels/twitter/payloads.ts';
import { configFor, KEYS } from '#tests/channels/twitter/setup.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { startXApi, type XApi } from '#tests/helpers/x-api.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

const email = 'marina.marketing@example.test';
const password = 'correct horse battery';

let t: TestHub;
let x: XApi;
let acme: SeededAccount;
let browser: Browser;
let page: Page;
let marketingToken = '';
let inboxId = '';
const pageErrors: string[] = [];
const admin = () => client(t.url, acme.adminToken);
const connection = () => t.hub.ctx.channels.get(Number(inboxId))?.connection as XConnection;

/** A post by `author` with the exposure given (X's public_metrics). */
function mentionBy(
  author: XUserPayload,
  text: string,
  m: { likes: number; replies: number; reposts: number; views: number },
  over: Parameters<typeof post>[2] = {},
) {
  const p = post(author, text, over);
  return {
    ...p,
    public_metrics: {
      ...p.public_metrics,
      like_count: m.likes,
      reply_count: m.replies,
      retweet_count: m.reposts,
      impression_count: m.views,
    },
  };
}

// Our own post the complaints answer (X lets the account hide replies under its own posts).
const ours = post({ id: ME.id } as XUserPayload, 'Nuevos planes de fibra desde hoy');
const luis = user('31002', 'luis_ortega', 48_200, true);
const ana = user('31001', 'ana_perez', 39_000);
const carla = user('31000', 'carla_ruiz', 240);
const marta = user('31003', 'marta_tv', 2_400_000, true);
const reply = { inReplyTo: ours.id, conversationId: ours.id };
const luisPost = mentionBy(
  luis,
  '@acme tres días sin fibra en todo el barrio y nadie responde. ¿Alguien más?',
  { likes: 150, replies: 12, reposts: 20, views: 12_000 },
  reply,
);
const carlaPost = mentionBy(
  carla,
  '@acme mi factura vino duplicada',
  { likes: 3, replies: 0, reposts: 0, views: 90 },
  reply,
);
const anaPost = mentionBy(
  ana,
  '@acme ¿cuándo llega la fibra a Chamberí? Llevo meses esperando',
  { likes: 14, replies: 1, reposts: 2, views: 1_830 },
  reply,
);
const martaPost = mentionBy(marta, '@acme cuarta vez que me cortan la línea este mes. Inaceptable.', {
  likes: 5_200,
  replies: 340,
  reposts: 1_200,
  views: 880_000,
});

async function hubList(sort: 'influence' | 'newest'): Promise<MentionJson[]> {
  const r = await client(t.url, marketingToken).get(`/mentions?sort=${sort}&include=all`);
  expect(r.status).toBe(200);
  return r.body.data;
}
const cards = () => page.locator('article.mention-card');
const card = (handle: string): Locator => page.locator(`article.mention-card[data-handle="${handle}"]`);
const handlesShown = () => cards().evaluateAll((els) => els.map((e) => e.getAttribute('data-handle')));

beforeAll(async () => {
  [t, x] = await Promise.all([startTestHub(), startXApi(KEYS)]);
  acme = await seedAccount(t);
  const inbox = await admin().post('/inboxes', {
    name: 'X @acme',
    channel: 'twitter',
    config: configFor(x),
  });
  expect(inbox.status).toBe(201);
  inboxId = inbox.body.data.id;
  const created = await admin().post('/users', {
    name: 'Marina Marketing',
    email,
    password,
    role: 'marketing',
  });
  expect(created.status).toBe(201);
  const login = await client(t.url).post('/auth/login', { email, password });
  marketingToken = login.body.token;

  // Oldest first: the most influential is not the newest.
  x.mention(luisPost, luis, ours);
  x.mention(carlaPost, carla, ours);
  x.mention(anaPost, ana, ours);
  await connection().pollNow();
  await eventually(async () => (await hubList('influence')).length === 3);

  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1400, height: 1000 },
    locale: 'en-US',
    errors: pageErrors,
  });
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    const name = test.task.name.slice(0, 30).replace(/\W+/g, '-');
    await page?.screenshot({ path: join(shots, `console-mentions-failed-${name}.png`), fullPage: true });
  }
});

afterAll(async () => {
  await browser?.close();
  await t?.destroy();
  await x?.close();
});

describe('the Mentions desk', () => {
  it('lands marketing on its mentions, most influential first, each score with its parts', async () => {
    await logInConsole(page, t.url, email, password);
    await page.getByRole('heading', { name: 'Mentions' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/mentions');
    await cards().nth(2).waitFor();

    const ranked = await hubList('influence');
    // The hub's ranking: the verified author with a large audience first, the quiet one last.
    expect(ranked.map((m) => m.author.handle)).toEqual(['luis_ortega', 'ana_perez', 'carla_ruiz']);
    expect(ranked.map((m) => m.influence?.tier)).toEqual(['high', 'medium', 'low']);
    expect(await handlesShown()).toEqual(['luis_ortega', 'ana_perez', 'carla_ruiz']);
    const scores = await cards().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
    expect(scores).toEqual(ranked.map((m) => m.influence?.score));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // Why the first is high: every part with its points out of its maximum and the hub's reason.
    const top = card('luis_ortega');
    expect(await top.locator('.tier-badge').textContent()).toBe('High');
    expect(await top.locator('.followers').textContent()).toBe('48.2K followers');
    expect(await top.getByRole('img', { name: 'Verified' }).count()).toBe(1);
    const parts = top.getByRole('region', { name: 'Why this score' }).locator('li');
    const shown = await parts.evaluateAll((els) =>
      els.map((e) => ({
        key: e.getAttribute('data-part'),
        points: e.querySelector('.part-points')?.textContent,
        reason: e.querySelector('.part-reason')?.textContent,
      })),
    );
    const hubParts = ranked[0].influence!.parts;
    expect(shown).toEqual(
      hubParts.map((p) => ({
        key: p.key,
        points: `${p.points.toLocaleString('en', { maximumFractionDigits: 1 })}/${p.max}`,
        reason: p.reason,
      })),
    );
    expect(shown.map((p) => p.key)).toEqual(['reach', 'verified', 'listed', 'engagement', 'velocity']);
    expect(shown[0].reason).toContain('48');
    // The exposure X gave: likes, replies, reposts, views.
    expect(await top.locator('[data-metric="likes"]').textContent()).toBe('Likes150');
    expect(await top.locator('[data-metric="views"]').textContent()).toBe('Views12K');
    expect(await top.locator('.status-badge').textContent()).toBe('New');
    await page.screenshot({ path: join(shots, 'console-mentions-1-ranked.png') });

    // Newest first is the hub's other order.
    await page.getByRole('button', { name: 'Newest', exact: true }).click();
    const newest = (await hubList('newest')).map((m) => m.author.handle);
    await eventually(async () => JSON.stringify(await handlesShown()) === JSON.stringify(newest));
    await page.getByRole('button', { name: 'Most influential' }).click();
    await eventually(async () => (await handlesShown())[0] === 'luis_ortega');
  });

  it('raises a live alert when a critical mention arrives, and puts it on top', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const bar = page.locator(`.mention-chart g[data-day="${today}"]`);
    expect(await bar.getAttribute('data-total')).toBe('3');

    x.mention(martaPost, marta);
    await connection().pollNow();

    const toast = page.locator('.mention-toast[role="alert"]');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('Critical mention');
    expect(await toast.textContent()).toContain('@marta_tv');
    await eventually(async () => (await handlesShown())[0] === 'marta_tv');
    expect(await card('marta_tv').locator('.tier-badge').textContent()).toBe('Critical');
    await eventually(async () => (await bar.getAttribute('data-total')) === '4');
    expect(await page.locator('[data-kpi="alarming"]').textContent()).toBe('2');
    await page.screenshot({ path: join(shots, 'console-mentions-2-alert.png') });

    await toast.getByRole('button', { name: 'Show' }).click();
    await page.locator('article.mention-card.focused[data-handle="marta_tv"]').waitFor();
    expect(await toast.count()).toBe(0);
  });

  it('hides a mention on X: pending, then done; a refusal shows X’s reason', async () => {
    const target = card('carla_ruiz');
    // X is briefly unavailable: the hub retries, and the item shows the hide on its way meanwhile.
    x.failNextWrite(problems.serviceUnavailable);
    await target.getByRole('button', { name: 'Hide' }).click();
    const pending = target.getByRole('status').filter({ hasText: 'Hiding on X (Twitter)…' });
    await pending.waitFor();
    expect(await target.getByRole('button', { name: 'Hide' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, 'console-mentions-3-pending.png') });
    await target.locator('.flag', { hasText: 'Hidden' }).waitFor();
    expect(await pending.count()).toBe(0);
    expect(await target.getByRole('button', { name: 'Unhide' }).isEnabled()).toBe(true);
    const hide = x.writes().find((w) => w.path === `/2/tweets/${carlaPost.id}/hidden`);
    expect(hide?.json).toEqual({ hidden: true });
    const stored = (await hubList('influence')).find((m) => m.author.handle === 'carla_ruiz');
    expect(stored).toMatchObject({ hidden: true, pendingAction: null, actionError: null });

    // Liked as the account: the button turns into the state.
    await target.getByRole('button', { name: 'Like' }).click();
    await target.locator('.flag', { hasText: 'Liked' }).waitFor();
    expect(await target.getByRole('button', { name: 'Like', exact: true }).count()).toBe(0);
    expect(
      x.writes().some((w) => w.path === `/2/users/${ME.id}/likes` && w.json?.tweet_id === carlaPost.id),
    ).toBe(true);

    // X refuses to delete a post that is not the account's own.
    x.failNextWrite(problems.notYourPost);
    const other = card('ana_perez');
    await other.getByRole('button', { name: 'Delete' }).click();
    await other.getByRole('button', { name: 'Yes, delete it on X' }).click();
    const refused = other.locator('.mention-error[role="alert"]');
    await refused.waitFor();
    const reason = await refused.textContent();
    expect(reason).toMatch(/^Not done: /);
    expect(reason).toContain('You are not allowed to delete this Tweet.');
    expect(await other.locator('.flag', { hasText: 'Removed' }).count()).toBe(0);
    await page.screenshot({ path: join(shots, 'console-mentions-4-actions.png') });
  });

  it('escalates a mention to the care team with a note', async () => {
    const target = card('luis_ortega');
    await target.getByRole('button', { name: 'Escalate' }).click();
    const form = target.getByRole('form', { name: 'Escalate to the care team' });
    await form
      .getByLabel('Note for the care team')
      .fill('Cliente verificado con mucha audiencia: llamar hoy');
    await form.getByRole('button', { name: 'Escalate' }).click();
    await target.locator('.status-badge', { hasText: 'In care' }).waitFor();
    expect(await target.locator('.mention-escalation').textContent()).toContain('llamar hoy');
    const stored = (await hubList('influence')).find((m) => m.author.handle === 'luis_ortega');
    expect(stored?.status).toBe('in_care');
    expect(stored?.escalation?.note).toBe('Cliente verificado con mucha audiencia: llamar hoy');
    await page.evaluate(() => document.querySelector('.mentions-page')?.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, 'console-mentions-5-escalated.png') });
  });

  it('measures a mention again on request: gone viral, it climbs a tier and alerts', async () => {
    const target = card('ana_perez');
    const before = Number(await target.getAttribute('data-score'));
    expect(await target.locator('.tier-badge').textContent()).toBe('Medium');
    // Shared and watched everywhere since it was read.
    Object.assign(anaPost.public_metrics, {
      like_count: 9_000,
      reply_count: 600,
      retweet_count: 2_500,
      impression_count: 1_500_000,
    });
    await target.getByRole('button', { name: 'Refresh metrics' }).click();

    const toast = page.locator('.mention-toast[role="alert"]', { hasText: '@ana_perez' });
    await toast.waitFor();
    const climbed = await eventually(async () =>
      (await hubList('influence')).find((m) => m.author.handle === 'ana_perez' && m.tierRaisedAt),
    );
    const tierName = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' } as const;
    expect(await toast.locator('strong').textContent()).toBe(
      `A mention climbed from Medium to ${tierName[climbed.influence!.tier]}`,
    );
    await eventually(
      async () => Number(await target.getAttribute('data-score')) === climbed.influence!.score,
    );
    expect(climbed.influence!.score).toBeGreaterThan(before);
    expect(await target.locator('[data-metric="views"]').textContent()).toBe('Views1.5M');
    expect(await target.locator('.flag.climbed').count()).toBe(1);
    // Growth between the two measurements is now part of why.
    const growth = target.locator('li[data-part="velocity"] .part-points');
    expect(await growth.textContent()).not.toMatch(/^0\//);
    // Still ranked by score.
    const scores = await cards().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await page.screenshot({ path: join(shots, 'console-mentions-6-climbed.png') });
    await toast.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('reads right to left in Arabic', async () => {
    await page.locator('header.top').getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { name: 'الإشارات' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.evaluate(() => document.querySelector('.mentions-page')?.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, 'console-mentions-7-arabic.png') });
    await page.locator('header.top').getByLabel('اللغة').selectOption('en');
    await page.getByRole('heading', { name: 'Mentions' }).waitFor();
  });

  it('opens the conversation a mention belongs to', async () => {
    const marta = (await hubList('influence')).find((m) => m.author.handle === 'marta_tv')!;
    await card('marta_tv').getByRole('button', { name: 'Open conversation' }).click();
    await page.locator('.msg.in', { hasText: 'cuarta vez que me cortan la línea' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/conversations/${marta.conversationId}`);
    // Marketing reads; it has no composer until an admin lets it answer, and then replies only.
    expect(await page.locator('.composer').count()).toBe(0);
    expect((await admin().patch('/social/settings', { marketingMayReply: true })).status).toBe(200);
    await page.reload();
    await page.locator('.composer').waitFor();
    const tabs = await page.locator('.composer [role="tab"]').allTextContents();
    expect(tabs).toEqual(['Reply']);
    expect((await admin().patch('/social/settings', { marketingMayReply: false })).status).toBe(200);
    await page.locator('header.top nav').getByRole('link', { name: 'Mentions' }).click();
    await cards().first().waitFor();
  });

  it('is on an admin’s console too, escalating to a chosen care team', async () => {
    const team = await admin().post('/teams', { name: 'Social care', strategy: 'manual', memberIds: [] });
    expect(team.status).toBe(201);
    const adminPage = await consolePage(browser, {
      viewport: { width: 1400, height: 1000 },
      locale: 'en-US',
      errors: pageErrors,
    });
    await logInConsole(adminPage, t.url, acme.admin.email);
    const nav = adminPage.locator('header.top nav');
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(1);
    await nav.getByRole('link', { name: 'Mentions' }).click();
    const target = adminPage.locator('article.mention-card[data-handle="carla_ruiz"]');
    // Hidden since marketing hid it: listed once hidden ones are included.
    await adminPage.locator('article.mention-card').first().waitFor();
    expect(await target.count()).toBe(0);
    await adminPage.getByLabel('Include hidden and removed').check();
    await target.getByRole('button', { name: 'Escalate' }).click();
    const form = target.getByRole('form', { name: 'Escalate to the care team' });
    await form.getByLabel('Note for the care team').fill('Factura duplicada: revisar');
    await form.getByRole('combobox').selectOption({ label: 'Social care' });
    await form.getByRole('button', { name: 'Escalate' }).click();
    await target.locator('.status-badge', { hasText: 'In care' }).waitFor();
    const stored = (await hubList('influence')).find((m) => m.author.handle === 'carla_ruiz')!;
    const conversation = await admin().get(`/conversations/${stored.conversationId}`);
    expect(conversation.body.data.teamId).toBe(team.body.data.id);
    await adminPage.context().close();
  });

  it('gives marketing no admin pages', async () => {
    const nav = page.locator('header.top nav');
    expect(await nav.getByRole('link', { name: 'Mentions' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    for (const path of ['/admin/users', '/admin/inboxes', '/admin/teams']) {
      await page.goto(`${t.url}${path}`);
      await page
        .getByRole('alert')
        .filter({ hasText: 'This page is for administrators and supervisors.' })
        .waitFor();
      expect(await page.locator('.side-nav').count()).toBe(0);
    }
    await page.screenshot({ path: join(shots, 'console-mentions-8-no-admin.png') });
    // The hub refuses the admin data as well.
    expect((await client(t.url, marketingToken).get('/users')).status).toBe(403);
    expect(pageErrors).toEqual([]);
  });
});
