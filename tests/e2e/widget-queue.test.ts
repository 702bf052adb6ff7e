// The visitor's place in the queue, in a real Chromium: nobody of the team is free, so the widget says
// which number the visitor is in line; when an agent comes online and takes the chat, the line goes away.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { makeTeam, onlineAgents } from '#tests/helpers/routing.ts';
import { type HostSite, hostSite, launchChromium, shots, widgetFrame } from './helpers.ts';

let t: TestHub;
let browser: Browser;
let site: HostSite;
let watcher: Socket;

beforeAll(async () => {
  t = await startTestHub();
  browser = await launchChromium();
});
afterAll(async () => {
  watcher?.disconnect();
  await browser?.close();
  await site?.close();
  await t?.destroy();
});

it('shows the visitor their number in line until an agent takes the chat', async () => {
  const account = await seedAccount(t);
  const api = client(t.url, account.adminToken);
  const [agent] = await onlineAgents(t, account, 1, { webchat: 1 }, { online: false });
  const team = await makeTeam(t, account, { name: 'Web', strategy: 'least_busy', memberIds: [agent.id] });
  const created = await api.post('/inboxes', {
    name: 'Website',
    channel: 'webchat',
    config: { greeting: 'Hola', language: 'es' },
    settings: {},
  });
  expect(created.status).toBe(201);
  expect((await api.patch(`/inboxes/${created.body.data.id}`, { teamId: team })).status).toBe(200);
  // A supervisor is connected, so the widget offers the chat rather than the offline form.
  watcher = connect(`${t.url}/agent`, { auth: { token: account.adminToken }, transports: ['websocket'] });
  await new Promise<void>((resolve) => watcher.once('connect', () => resolve()));
  site = await hostSite(t.url, created.body.data.token);
  const page = await (await browser.newContext({ viewport: { width: 900, height: 700 } })).newPage();
  await page.goto(site.url);
  await page.locator('hub-chat-widget button.b').click();
  const frame = await widgetFrame(page);
  await frame.fill('.composer textarea', 'Necesito una recarga de 50 Bs');
  await frame.press('.composer textarea', 'Enter');
  const line = frame.locator('li.typing', { hasText: 'número 1 en la fila' });
  await line.waitFor({ timeout: 10_000 }).catch(async (err) => {
    await page.screenshot({ path: join(shots, 'queue-position-missing.png') });
    throw err;
  });
  await page.screenshot({ path: join(shots, 'queue-position.png') });
  expect((await client(t.url, agent.token).post('/me/presence', { status: 'online' })).status).toBe(200);
  await line.waitFor({ state: 'detached' });
});
