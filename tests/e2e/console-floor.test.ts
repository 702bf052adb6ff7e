// The supervisors' live floor in a real Chromium (issue 16): a supervisor opens /floor and, without a
// reload, sees an agent's presence change made elsewhere, the waiting count rise when a conversation
// queues, and the breach when its first-response target passes; wall mode switches to the large layout,
// also from /floor?wall=1; in Spanish, English and Arabic (right to left).
// Screenshots: tests/.tmp/e2e/console-floor-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { advanceClock, arrive, inboxForTeam, makeTeam } from '#tests/helpers/routing.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

const password = 'correct horse battery';
const supervisorEmail = 'sofia.floor@example.test';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const people: Record<string, { id: string; token: string }> = {};
let care = '';
let sales = '';
let careInbox: { id: string; token: string };

const admin = () => client(t.url, account.adminToken);
const presence = (who: string, body: Record<string, string>) =>
  client(t.url, people[who].token).post('/me/presence', body);
const get = async (id: string) => (await admin().get(`/conversations/${id}`)).body.data;

async function person(name: string, email: string, role: string, capacity?: Record<string, number>) {
  const made = await admin().post('/users', { name, email, password, role });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  if (capacity) expect((await admin().patch(`/users/${made.body.data.id}`, { capacity })).status).toBe(200);
  const login = await client(t.url).post('/auth/login', { email, password });
  people[name] = { id: made.body.data.id, token: login.body.token };
}

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t, 'Tigo floor');
  expect(
    (await admin().patch('/routing/settings', { sla: { api: { firstResponseSeconds: 20 } } })).status,
  ).toBe(200);
  await person('Sofía Rojas', supervisorEmail, 'supervisor');
  await person('Rosa Quispe', 'rosa.floor@example.test', 'agent', { api: 2 });
  await person('Diego Mamani', 'diego.floor@example.test', 'agent', { api: 2 });
  await person('Lucía Flores', 'lucia.floor@example.test', 'agent', { api: 1 });
  care = await makeTeam(t, account, {
    name: 'Atención al cliente',
    strategy: 'least_busy',
    memberIds: [people['Rosa Quispe'].id, people['Diego Mamani'].id],
  });
  sales = await makeTeam(t, account, {
    name: 'Ventas',
    strategy: 'least_busy',
    memberIds: [people['Lucía Flores'].id],
  });
  careInbox = await inboxForTeam(t, account, care);
  const salesInbox = await inboxForTeam(t, account, sales);
  // Ventas: Lucía handled one in a minute; she has one now and another waits for her place.
  expect((await presence('Lucía Flores', { status: 'online' })).status).toBe(200);
  const handled = await arrive(t, salesInbox, 'Quiero el plan de 100 Mbps');
  await eventually(async () => (await get(handled)).assigneeId === people['Lucía Flores'].id);
  await advanceClock(t, 60_000);
  const lucia = client(t.url, people['Lucía Flores'].token);
  expect((await lucia.post(`/conversations/${handled}/messages`, { text: 'Claro, le ayudo' })).status).toBe(
    201,
  );
  expect((await lucia.post(`/conversations/${handled}/status`, { status: 'resolved' })).status).toBe(200);
  const hers = await arrive(t, salesInbox, 'Precio del combo');
  await eventually(async () => (await get(hers)).assigneeId === people['Lucía Flores'].id);
  await arrive(t, salesInbox, '¿Tienen cobertura en El Alto?');
  // Atención al cliente: Rosa online, Diego away; nobody has work yet.
  expect((await presence('Rosa Quispe', { status: 'online' })).status).toBe(200);
  expect((await presence('Diego Mamani', { status: 'away' })).status).toBe(200);
  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1366, height: 800 },
    locale: 'es-BO',
    errors: pageErrors,
  });
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    const name = test.task.name.slice(0, 30).replace(/\W+/g, '-');
    await page?.screenshot({ path: join(shots, `console-floor-failed-${name}.png`) });
  }
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

const card = (team: string) => page.locator(`.floor-team[data-team="${team}"]`);
const agentRow = (name: string) => page.locator(`tr[data-agent="${people[name].id}"]`);

describe('the live floor in Chromium', () => {
  it('shows an agent’s presence change and a queued conversation without a reload', async () => {
    await logInConsole(page, t.url, supervisorEmail);
    await page.locator('header.top nav a', { hasText: 'Piso en vivo' }).click();
    await card(care).waitFor();
    expect(await card(sales).locator('[data-testid=waiting]').textContent()).toBe('1');
    expect(await card(sales).locator('[data-testid=eta]').textContent()).toMatch(/^1:0\d$/);
    await agentRow('Diego Mamani').locator('[data-testid=presence]', { hasText: 'Ausente' }).waitFor();
    // Marked: a reload would lose it.
    await page.evaluate(() => {
      (window as unknown as { floorMark: number }).floorMark = 1;
    });

    expect((await presence('Rosa Quispe', { status: 'auxiliary', reason: 'Lunch' })).status).toBe(200);
    await agentRow('Rosa Quispe').locator('[data-testid=presence]', { hasText: 'Auxiliar: Lunch' }).waitFor();
    expect(await card(care).locator('[data-testid=waiting]').textContent()).toBe('0');

    // Nobody of the team can take it now: it waits, and the card says so.
    const id = await arrive(t, careInbox, 'Mi internet está caído desde ayer');
    await card(care).locator('[data-testid=waiting]', { hasText: '1' }).waitFor();
    await arrive(t, careInbox, 'No me llega el SMS de confirmación');
    await card(care).locator('[data-testid=waiting]', { hasText: '2' }).waitFor();
    expect(await card(care).getAttribute('class')).toContain('busy');
    // Its first-response target passes: the breach is listed as it happens.
    const due = Date.parse((await get(id)).firstResponseDueAt);
    await advanceClock(t, due - t.hub.ctx.clock.now().getTime() + 1_000);
    await page.locator(`.floor-breaches li[data-breach="${id}"]`, { hasText: 'Primera respuesta' }).waitFor();
    // The longest wait ticks on the page (the hub's clock moved about 20 s past the first one).
    const wait = await card(care).locator('[data-testid=longest-wait]').textContent();
    expect(wait).toMatch(/^0:[2-5]\d$/);
    expect(await page.evaluate(() => (window as unknown as { floorMark?: number }).floorMark)).toBe(1);
    await page.screenshot({ path: join(shots, 'console-floor-1-es.png') });
  });

  it('switches to wall mode and back', async () => {
    await page.getByRole('button', { name: 'Modo pantalla' }).click();
    await page.locator('main.floor.wall').waitFor();
    expect(new URL(page.url()).search).toBe('?wall=1');
    await page.screenshot({ path: join(shots, 'console-floor-2-wall-es.png') });
    await page.getByRole('button', { name: 'Salir del modo pantalla' }).click();
    await page.locator('main.floor:not(.wall)').waitFor();
  });

  it('reads in English and right to left in Arabic, wall mode from its address', async () => {
    await page.selectOption('select[aria-label="Idioma"]', 'en');
    await page.locator('.floor-head h1', { hasText: 'Live floor' }).waitFor();
    await page.screenshot({ path: join(shots, 'console-floor-3-en.png') });
    await page.selectOption('select[aria-label="Language"]', 'ar');
    await page.locator('.floor-head h1', { hasText: 'الأرضية المباشرة' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.screenshot({ path: join(shots, 'console-floor-4-ar.png') });
    await page.goto(`${t.url}/floor?wall=1`);
    await page.locator('main.floor.wall .floor-team').first().waitFor();
    // Still live in wall mode: Diego comes back.
    expect((await presence('Diego Mamani', { status: 'online' })).status).toBe(200);
    await agentRow('Diego Mamani').locator('[data-testid=presence]', { hasText: 'متصل' }).waitFor();
    await page.screenshot({ path: join(shots, 'console-floor-5-wall-ar.png') });
  });
});
