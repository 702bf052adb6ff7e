// The Mentions desk's settings drawer in a real Chromium (issue 15): marketing lowers the influence tiers'
// thresholds and the hub scores the desk again, so a mention read from a loopback X API changes tier on
// screen and in the chart's figures; weights that do not add up to 100 are refused in the form before
// anything is sent; the hub's own refusal is shown in its words; an admin, and only an admin, lets
// marketing answer customers; a supervisor reads the settings and cannot change them.
// Screenshots land in tests/.tmp/e2e/console-mention-settings-*.png.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { XConnection } from '#channels/twitter/index.ts';
import type { MentionJson } from '#shared/mentions.schema.ts';
import { post, user, type XUserPayload } from '#tests/channels/twitter/payloads.ts';
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

const email = 'mara.marketing@example.test';
const password = 'correct horse battery';

let t: TestHub;
let x: XApi;
let acme: SeededAccount;
let browser: Browser;
let page: Page;
let marketingToken = '';
let marketingId = '';
let inboxId = '';
const pageErrors: string[] = [];
/** The PATCHes of the influence settings the marketing page sent. */
const patches: string[] = [];
const admin = () => client(t.url, acme.adminToken);
const marketing = () => client(t.url, marketingToken);
const connection = () => t.hub.ctx.channels.get(Number(inboxId))?.connection as XConnection;

function mentionBy(
  author: XUserPayload,
  text: string,
  m: { likes: number; replies: number; reposts: number; views: number },
) {
  const p = post(author, text);
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
const luis = user('32002', 'luis_ortega', 48_200, true);
const ana = user('32001', 'ana_perez', 39_000);
const carla = user('32000', 'carla_ruiz', 240);

async function hubTiers(): Promise<Record<string, string | undefined>> {
  const r = await marketing().get('/mentions?sort=influence&include=all');
  expect(r.status).toBe(200);
  return Object.fromEntries(
    (r.body.data as MentionJson[]).map((m) => [m.author.handle ?? '', m.influence?.tier]),
  );
}
const card = (p: Page, handle: string): Locator => p.locator(`article.mention-card[data-handle="${handle}"]`);
const badges = (p: Page) =>
  p
    .locator('article.mention-card')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((e) => [e.getAttribute('data-handle'), e.querySelector('.tier-badge')?.textContent]),
      ),
    );
const drawerOf = (p: Page) => p.getByRole('complementary', { name: 'Mentions settings' });
async function openSettings(p: Page): Promise<Locator> {
  await p.getByRole('button', { name: 'Settings', exact: true }).click();
  const drawer = drawerOf(p);
  await drawer.getByLabel('Critical from').waitFor();
  return drawer;
}
const settings = async () => (await marketing().get('/influence/settings')).body.data;

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
    name: 'Mara Marketing',
    email,
    password,
    role: 'marketing',
  });
  expect(created.status).toBe(201);
  marketingId = created.body.data.id;
  marketingToken = (await client(t.url).post('/auth/login', { email, password })).body.token;

  x.mention(
    mentionBy(luis, '@acme tres días sin fibra', { likes: 150, replies: 12, reposts: 20, views: 12_000 }),
    luis,
  );
  x.mention(
    mentionBy(ana, '@acme ¿cuándo llega la fibra?', { likes: 14, replies: 1, reposts: 2, views: 1_830 }),
    ana,
  );
  x.mention(
    mentionBy(carla, '@acme mi factura vino duplicada', { likes: 3, replies: 0, reposts: 0, views: 90 }),
    carla,
  );
  await connection().pollNow();
  await eventually(async () => Object.keys(await hubTiers()).length === 3);

  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1400, height: 1000 },
    locale: 'en-US',
    errors: pageErrors,
  });
  page.on('request', (r) => {
    if (r.method() === 'PATCH' && r.url().endsWith('/api/v1/influence/settings'))
      patches.push(r.postData() ?? '');
  });
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    const name = test.task.name.slice(0, 30).replace(/\W+/g, '-');
    await page?.screenshot({
      path: join(shots, `console-mention-settings-failed-${name}.png`),
      fullPage: true,
    });
  }
});

afterAll(async () => {
  await browser?.close();
  await t?.destroy();
  await x?.close();
});

describe('the Mentions desk settings', () => {
  it('shows marketing the tiers and the weights, each weight explained, and no reply toggle', async () => {
    await logInConsole(page, t.url, email, password);
    await page.getByRole('heading', { name: 'Mentions' }).waitFor();
    await card(page, 'carla_ruiz').waitFor();
    const drawer = await openSettings(page);
    expect(
      await page.getByRole('button', { name: 'Settings', exact: true }).getAttribute('aria-expanded'),
    ).toBe('true');
    // The hub's defaults.
    const value = (label: string) => drawer.getByLabel(label, { exact: true }).inputValue();
    expect([await value('Medium from'), await value('High from'), await value('Critical from')]).toEqual([
      '20',
      '40',
      '65',
    ]);
    expect(await value('Reach')).toBe('35');
    expect(
      await drawer.locator('.weight-list li').evaluateAll((els) => els.map((e) => e.textContent)),
    ).toEqual([
      'ReachThe author’s followers.',
      'VerifiedThe author’s account is verified.',
      'ListsHow many lists the author is on.',
      'EngagementLikes, replies, reposts and views the mention got.',
      'GrowthHow fast its engagement grows between two measurements.',
    ]);
    expect(await drawer.locator('output').textContent()).toBe('Total 100 of 100');
    // Whether marketing may answer is the admin's decision, not shown to marketing.
    expect(await drawer.getByRole('switch').count()).toBe(0);
    expect(await drawer.getByText('Marketing may answer customers').count()).toBe(0);
    // Nothing changed yet: nothing to save.
    expect(await drawer.getByRole('button', { name: 'Save and score again' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, 'console-mention-settings-1-open.png') });
  });

  it('lowers the thresholds: the hub scores the desk again and mentions change tier', async () => {
    expect(await badges(page)).toEqual({ luis_ortega: 'High', ana_perez: 'Medium', carla_ruiz: 'Low' });
    expect(await page.locator('[data-kpi="alarming"]').textContent()).toBe('1');
    const drawer = drawerOf(page);
    await drawer.getByLabel('Medium from').fill('10');
    await drawer.getByLabel('High from').fill('30');
    await drawer.getByLabel('Critical from').fill('50');
    await drawer.getByRole('button', { name: 'Save and score again' }).click();
    await drawer
      .getByRole('status')
      .filter({ hasText: 'Saved. The desk’s mentions are scored again.' })
      .waitFor();

    expect((await settings()).thresholds).toEqual({ medium: 10, high: 30, critical: 50 });
    expect(await hubTiers()).toEqual({ luis_ortega: 'critical', ana_perez: 'high', carla_ruiz: 'medium' });
    // The list and the chart's figures were asked again: the same mentions, on the new scale.
    await eventually(async () => (await badges(page)).ana_perez === 'High');
    expect(await badges(page)).toEqual({ luis_ortega: 'Critical', ana_perez: 'High', carla_ruiz: 'Medium' });
    await eventually(async () => (await page.locator('[data-kpi="alarming"]').textContent()) === '2');
    expect(JSON.parse(patches.at(-1)!)).toEqual({ thresholds: { medium: 10, high: 30, critical: 50 } });
    await page.screenshot({ path: join(shots, 'console-mention-settings-2-lowered.png') });
  });

  it('refuses in the form what the hub would refuse: weights not adding up to 100, falling thresholds', async () => {
    const drawer = drawerOf(page);
    const sent = patches.length;
    const save = drawer.getByRole('button', { name: 'Save and score again' });
    await drawer.getByLabel('Reach', { exact: true }).fill('40');
    expect(await drawer.locator('output').textContent()).toBe('Total 105 of 100');
    await drawer
      .getByRole('alert')
      .filter({ hasText: 'The weights add up to 105: they must add up to exactly 100.' })
      .waitFor();
    expect(await drawer.getByLabel('Reach', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await save.isDisabled()).toBe(true);
    await drawer.getByLabel('Reach', { exact: true }).press('Enter');
    await page.screenshot({ path: join(shots, 'console-mention-settings-3-refused.png') });

    await drawer.getByLabel('High from').fill('5');
    await drawer
      .getByRole('alert')
      .filter({ hasText: 'The thresholds must rise: Medium below High, High below Critical.' })
      .waitFor();
    await drawer.getByLabel('High from').fill('30');
    expect(patches.length).toBe(sent);
    expect((await settings()).customWeights).toBe(false);

    // Reach up five, engagement down five: 100 again, and saved.
    await drawer.getByLabel('Engagement', { exact: true }).fill('25');
    expect(await drawer.locator('output').textContent()).toBe('Total 100 of 100');
    expect(await drawer.getByRole('alert').count()).toBe(0);
    await save.click();
    await drawer.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const custom = await settings();
    expect(custom).toMatchObject({ customWeights: true, weights: { reach: 40, engagement: 25 } });
    expect(JSON.parse(patches.at(-1)!)).toEqual({
      weights: { reach: 40, verified: 10, listed: 5, engagement: 25, velocity: 20 },
    });
    // Each card shows the score the hub gave under the new weights.
    const luisScore = (await marketing().get('/mentions?sort=influence')).body.data.find(
      (m: MentionJson) => m.author.handle === 'luis_ortega',
    ).influence.score;
    await eventually(
      async () => Number(await card(page, 'luis_ortega').getAttribute('data-score')) === luisScore,
    );

    await drawer.getByRole('button', { name: 'Back to the default weights' }).click();
    await eventually(
      async () => (await drawer.getByRole('button', { name: 'Back to the default weights' }).count()) === 0,
    );
    expect(await settings()).toMatchObject({ customWeights: false, weights: { reach: 35, engagement: 30 } });
    expect(JSON.parse(patches.at(-1)!)).toEqual({ weights: null });
    expect(await drawer.getByLabel('Reach', { exact: true }).inputValue()).toBe('35');
  });

  it('shows the hub’s refusal in its words (the user’s role changed meanwhile)', async () => {
    const drawer = drawerOf(page);
    expect((await admin().patch(`/users/${marketingId}`, { role: 'supervisor' })).status).toBe(200);
    await drawer.getByLabel('Critical from').fill('55');
    await drawer.getByRole('button', { name: 'Save and score again' }).click();
    const refused = drawer.getByRole('alert').filter({ hasText: /^Not saved: / });
    await refused.waitFor();
    expect(await refused.textContent()).toBe('Not saved: this needs one of the roles: admin, marketing');
    expect((await settings()).thresholds.critical).toBe(50);
    // What was typed stays, to save once allowed.
    expect(await drawer.getByLabel('Critical from').inputValue()).toBe('55');
    await page.screenshot({ path: join(shots, 'console-mention-settings-4-hub-refused.png') });
    expect((await admin().patch(`/users/${marketingId}`, { role: 'marketing' })).status).toBe(200);
    await drawer.getByLabel('Critical from').fill('50');
    await drawer.getByRole('button', { name: 'Close settings' }).click();
    expect(await drawerOf(page).count()).toBe(0);
  });

  it('lets an admin, and only an admin, allow marketing to answer customers', async () => {
    const adminPage = await consolePage(browser, {
      viewport: { width: 1400, height: 1000 },
      locale: 'en-US',
      errors: pageErrors,
    });
    await logInConsole(adminPage, t.url, acme.admin.email);
    await adminPage.locator('header.top nav').getByRole('link', { name: 'Mentions' }).click();
    await card(adminPage, 'ana_perez').waitFor();
    let drawer = await openSettings(adminPage);
    const toggle = drawer.getByRole('switch', { name: 'Marketing may answer customers on social channels' });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await drawer.getByRole('status').filter({ hasText: 'Saved: marketing may now answer.' }).waitFor();
    expect((await marketing().get('/social/settings')).body.data).toEqual({ marketingMayReply: true });
    await adminPage.screenshot({ path: join(shots, 'console-mention-settings-5-admin.png') });

    // Kept at the hub: opened again on a fresh load, it is on; switched off again.
    // (From the root: the hub does not serve the console at /mentions itself, so a reload there is a 404.)
    await adminPage.goto(t.url);
    await adminPage.locator('header.top nav').getByRole('link', { name: 'Mentions' }).click();
    drawer = await openSettings(adminPage);
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await eventually(
      async () => (await marketing().get('/social/settings')).body.data.marketingMayReply === false,
    );
    // The hub refuses the change to anyone else.
    expect((await marketing().patch('/social/settings', { marketingMayReply: true })).status).toBe(403);
    await adminPage.context().close();
  });

  it('shows a supervisor the settings read only; the hub refuses their change', async () => {
    const supervisor = await acme.user('supervisor', 'Sara Supervisor');
    const supPage = await consolePage(browser, {
      viewport: { width: 1400, height: 1000 },
      locale: 'en-US',
      errors: pageErrors,
    });
    await logInConsole(supPage, t.url, supervisor.user.email);
    await supPage.locator('header.top nav').getByRole('link', { name: 'Mentions' }).click();
    await card(supPage, 'ana_perez').waitFor();
    const drawer = await openSettings(supPage);
    await drawer.getByText('Read only: admins and marketing change these.').waitFor();
    expect(await drawer.getByLabel('Critical from').inputValue()).toBe('50');
    for (const label of ['Medium from', 'High from', 'Critical from', 'Reach', 'Growth'])
      expect(await drawer.getByLabel(label, { exact: true }).isEditable()).toBe(false);
    expect(await drawer.getByRole('button', { name: 'Save and score again' }).count()).toBe(0);
    expect(await drawer.getByRole('switch').count()).toBe(0);
    await supPage.screenshot({ path: join(shots, 'console-mention-settings-6-supervisor.png') });
    const refused = await client(t.url, supervisor.token).patch('/influence/settings', {
      thresholds: { medium: 1, high: 2, critical: 3 },
    });
    expect(refused.status).toBe(403);
    expect((await settings()).thresholds).toEqual({ medium: 10, high: 30, critical: 50 });
    await supPage.context().close();
  });

  it('reads right to left in Arabic', async () => {
    await page.locator('header.top').getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { name: 'الإشارات' }).waitFor();
    await page.getByRole('button', { name: 'الإعدادات', exact: true }).click();
    await page.getByRole('complementary', { name: 'إعدادات الإشارات' }).getByText('متابعو الكاتب.').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.screenshot({ path: join(shots, 'console-mention-settings-7-arabic.png') });
    await page.locator('header.top').getByLabel('اللغة').selectOption('en');
    await page.getByRole('heading', { name: 'Mentions', exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
