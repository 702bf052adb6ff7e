// The admin pages speak to a person, not in the hub's machine names: channel kinds appear as the hub's
// channel labels, an inbox's health as words of the admin's language, the e-mail form's fields with
// readable names and "*" only where the hub really needs a value, and durations kept in seconds as an
// amount and a unit ("3 days"). Checked in English and in Arabic, in a real Chromium. Screenshots land
// in tests/.tmp/e2e/console-labels-human-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, logInConsole, shotOnFailure, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let nightId = '';
let dayId = '';
const shot = (name: string) => page.screenshot({ path: join(shots, `console-labels-human-${name}.png`) });
const admin = () => client(t.url, account.adminToken);

const words = {
  en: {
    failing: 'Failing',
    imap: 'Incoming mail (IMAP)',
    secure: 'Encrypted connection (TLS)',
    host: 'Server *',
    languages: 'Languages',
    days: 'days',
    hours: 'hours',
    overflowLegend: 'Overflow, re-route and offline',
  },
  ar: {
    failing: 'متعطل',
    imap: 'الوارد (IMAP)',
    secure: 'اتصال مشفر (TLS)',
    host: 'الخادم *',
    languages: 'اللغات',
    days: 'أيام',
    hours: 'ساعات',
    overflowLegend: 'التحويل وإعادة التوجيه وعدم الاتصال',
  },
} as const;
type Lang = keyof typeof words;

async function speak(lang: Lang) {
  const select = page.locator('header.top select:has(option[value="ar"])');
  await select.selectOption(lang);
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
}

/** Opens an admin section through the side navigation, as a person would. */
async function open(slug: string) {
  await page.locator(`nav.side-nav a[href="/admin/${slug}"]`).click();
  await page.waitForURL(`**/admin/${slug}`);
}

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  // An e-mail inbox whose servers cannot be reached: its health turns to failed.
  const server = { host: '127.0.0.1', port: 1, secure: false, user: 'support' };
  const made = await admin().post('/inboxes', {
    name: 'Unreachable mail',
    channel: 'email',
    config: {
      imap: { ...server, password: 'imap-secret' },
      smtp: { ...server, password: 'smtp-secret' },
      fromAddress: 'help@example.test',
    },
  });
  expect(made.status).toBe(201);
  await eventually(async () =>
    ((await admin().get('/inboxes')).body.data as { name: string; health: string }[]).some(
      (i) => i.name === 'Unreachable mail' && i.health === 'failed',
    ),
  );
  const settings = await admin().patch('/routing/settings', {
    unansweredSeconds: 259_200,
    sla: { webchat: { firstResponseSeconds: 3_600 } },
  });
  expect(settings.status).toBe(200);
  const night = await admin().post<{ data: { id: string } }>('/teams', {
    name: 'Night shift',
    strategy: 'manual',
    memberIds: [],
  });
  const day = await admin().post<{ data: { id: string } }>('/teams', {
    name: 'Day shift',
    strategy: 'manual',
    memberIds: [],
  });
  expect([night.status, day.status]).toEqual([201, 201]);
  nightId = night.body.data.id;
  dayId = day.body.data.id;
  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
    errors: pageErrors,
  });
  await logInConsole(page, t.url, account.admin.email);
});

shotOnFailure('console-labels-human', () => page);

afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

describe.each(['en', 'ar'] as const)('admin pages in words (%s)', (lang) => {
  const w = words[lang];

  it('shows the language', async () => {
    await page.goto(`${t.url}/admin/teams`);
    await page.locator('nav.side-nav').waitFor();
    await speak(lang);
  });

  it("lists inboxes with the channel's label and the health in words", async () => {
    await open('inboxes');
    const row = page.locator('table.inboxes tr', { hasText: 'Unreachable mail' });
    await row.locator('.badge[data-health="failed"]', { hasText: w.failing }).waitFor();
    expect((await row.locator('td').nth(1).textContent())?.trim()).toBe('E-mail');
    expect(await row.locator('.badge').textContent()).not.toContain('failed');
    await shot(`${lang}-1-inboxes`);
  });

  it('names the e-mail form fields in words and stars only what the hub requires', async () => {
    await page.getByRole('button', { name: /\+ / }).click();
    const form = page.locator('form:has([name=channel])');
    const kinds = await form.locator('[name=channel] option').allTextContents();
    expect(kinds).toContain('E-mail');
    expect(kinds).toContain('Web chat');
    expect(kinds).not.toContain('whatsapp_cloud');
    await form.locator('[name=channel]').selectOption('email');
    const imap = form.locator('fieldset[data-field="imap"]');
    await imap.locator('legend', { hasText: w.imap }).waitFor();
    const legend = (await imap.locator('legend').textContent()) ?? '';
    expect(legend).not.toContain('*');
    expect(legend).not.toMatch(/^Imap/);
    // A checkbox is always sent (false when untouched): not marked as required.
    const secure = imap.locator('label', { has: page.locator('[name="imap.secure"]') });
    expect((await secure.textContent())?.trim()).toBe(w.secure);
    // The server's host the admin must type: marked.
    const host = imap.locator('label', { has: page.locator('[name="imap.host"]') });
    expect((await host.textContent())?.trim()).toBe(w.host);
    const text = (await form.textContent()) ?? '';
    expect(text).not.toContain('Secure *');
    expect(text).not.toContain('Imap');
    await shot(`${lang}-2-email-form`);
  });

  it("heads the agents' capacity columns with channel labels", async () => {
    await open('users');
    const heads = page.locator('table.users-table thead th');
    await heads.filter({ hasText: 'Web chat' }).waitFor();
    const texts = (await heads.allTextContents()).map((x) => x.trim());
    expect(texts).toEqual(expect.arrayContaining(['Web chat', 'API', 'WhatsApp Cloud API', w.languages]));
    for (const raw of ['webchat', 'api', 'whatsapp_cloud', 'email', 'languages'])
      expect(texts).not.toContain(raw);
    await shot(`${lang}-3-users`);
  });

  it('shows routing durations as an amount and a unit, and saves seconds', async () => {
    // Three days again (the other language's pass saved two).
    expect((await admin().patch('/routing/settings', { unansweredSeconds: 259_200 })).status).toBe(200);
    await open('routing-settings');
    const form = page.locator('form.card');
    const row = form.locator('tr[data-kind="webchat"]');
    await row.locator('td', { hasText: 'Web chat' }).waitFor();
    expect(await form.textContent()).not.toContain('259200');
    expect(await form.textContent()).not.toContain('whatsapp_cloud');
    // 259200 s is shown as 3 days; the web chat's first response target (3600 s) as 1 hour.
    const unanswered = form.locator('.duration-field').first();
    expect(await unanswered.locator('input').inputValue()).toBe('3');
    expect(await unanswered.locator('select option:checked').textContent()).toBe(w.days);
    const first = row.locator('.duration').first();
    expect(await first.locator('input').inputValue()).toBe('1');
    expect(await first.locator('select option:checked').textContent()).toBe(w.hours);
    await shot(`${lang}-4-routing`);
    // Edited as 2 days; the hub keeps seconds.
    await unanswered.locator('input').fill('2');
    await form.locator('button[type=submit]').click();
    await eventually(
      async () => (await admin().get('/routing/settings')).body.data.unansweredSeconds === 2 * 86_400,
    );
  });

  it("shows a team's overflow and re-route times as an amount and a unit, and saves seconds", async () => {
    const settings = { overflow: { afterSeconds: 7_200, teamId: nightId }, rerouteAfterSeconds: 259_200 };
    expect((await admin().patch(`/teams/${dayId}`, { settings })).status).toBe(200);
    await open('teams');
    const editTeam = async (name: string) => {
      await page.locator('section tr', { hasText: name }).getByRole('button').click();
      return page.locator('form[aria-label="team"]');
    };
    let form = await editTeam('Day shift');
    const [overflow, reroute] = [form.locator('.duration').nth(0), form.locator('.duration').nth(1)];
    await overflow.locator('input').and(page.locator('[value="2"]')).waitFor();
    expect(await overflow.locator('select option:checked').textContent()).toBe(w.hours);
    expect(await reroute.locator('input').inputValue()).toBe('3');
    expect(await reroute.locator('select option:checked').textContent()).toBe(w.days);
    expect(await form.textContent()).not.toContain('(s)');
    expect(await form.locator('legend', { hasText: w.overflowLegend }).count()).toBe(1);
    expect(await form.textContent()).not.toContain('overflow team');
    expect(await form.locator('input[value="259200"], input[value="7200"]').count()).toBe(0);
    await form.locator('.duration-field').nth(1).scrollIntoViewIfNeeded();
    await shot(`${lang}-5-team`);
    // Another team without these times: its form shows them empty, not the last team's.
    form = await editTeam('Night shift');
    await reroute.locator('input').and(page.locator('[value=""]')).waitFor();
    expect(await overflow.locator('input').inputValue()).toBe('');
    // Back to the day shift: 3 days becomes 3 hours by changing the unit alone.
    form = await editTeam('Day shift');
    await reroute.locator('input').and(page.locator('[value="3"]')).waitFor();
    await reroute.locator('select').selectOption('hours');
    await form.locator('button[type=submit]').click();
    await eventually(async () => {
      const teams = (await admin().get('/teams')).body.data as {
        id: string;
        settings: Record<string, unknown>;
      }[];
      return teams.find((x) => x.id === dayId)?.settings.rerouteAfterSeconds === 10_800;
    });
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
