// The agent's tools in a real Chromium against a real hub: the search box finds a customer by national ID
// (CI) and opens their conversation; the contact panel lists their conversation on another channel and
// opens it; the keyboard (? help, j/k, r, e) works the queue; an ID-card photo sent from the web chat
// opens in the in-page viewer (zoom, next, Escape); alerts sound and notify for a customer's message
// elsewhere and for a new assignment. Screenshots land in tests/.tmp/e2e/agent-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, eventually, incoming, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { closeAllVisitors } from '#tests/helpers/widget.ts';
import { type AgentWorld, recordAlerts, seedAgentWorld } from './console-agent.world.ts';
import { launchChromium, shotOnFailure, shots } from './helpers.ts';

let t: TestHub;
let w: AgentWorld;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const admin = () => client(t.url, w.account.adminToken);

beforeAll(async () => {
  t = await startTestHub();
  w = await seedAgentWorld(t);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 }, locale: 'es-BO' });
  await recordAlerts(context);
  page = await context.newPage();
  page.on('console', (m) => process.env.E2E_DEBUG && console.log('[page]', m.type(), m.text().slice(0, 500)));
  page.on('pageerror', (err) => pageErrors.push(`${err.message} ${err.stack?.split('\n')[1] ?? ''}`));
});

shotOnFailure('agent', () => page);

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  closeAllVisitors();
  await browser?.close();
  await t?.destroy();
});

const openRows = () =>
  page.locator('li.row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
const current = () => new URL(page.url()).pathname.split('/').pop();
const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

describe('agent tools in Chromium', () => {
  it('logs in and lists the two conversations assigned to the agent', async () => {
    await page.goto(t.url);
    await page.fill('input[type=email]', 'rosa.agent@example.test');
    await page.fill('input[type=password]', 'correct horse battery');
    await page.click('button.primary');
    await page.locator('li.row').nth(1).waitFor();
    expect((await openRows()).sort()).toEqual([w.ids.chat, w.ids.beto].sort());
  });

  it('finds Ana by her CI and opens her conversation from the results', async () => {
    await page.fill('input[type=search]', '4477889');
    const hit = page.locator('.hit-contact', { hasText: 'Ana Mamani' });
    await hit.waitFor();
    expect(await hit.locator('.attrs').textContent()).toContain('CI: 4477889 LP');
    // Both her conversations, on both channels, are there to choose from.
    expect(
      await hit.locator('button.hit-conv').evaluateAll((b) => b.map((x) => x.getAttribute('data-id'))),
    ).toEqual([w.ids.chat, w.ids.past]);
    await page.screenshot({ path: join(shots, 'agent-1-search.png') });
    await hit.locator(`button.hit-conv[data-id="${w.ids.chat}"]`).click();
    await page.locator('.msg.in', { hasText: 'Le envío mi carnet' }).waitFor();
    expect(current()).toBe(w.ids.chat);
  });

  it('finds a conversation by a word written in it', async () => {
    await page.fill('input[type=search]', 'cobro doble');
    const hit = page.locator(`.search-results button.hit-conv[data-id="${w.ids.past}"]`).last();
    await hit.waitFor();
    expect(await hit.locator('.excerpt').textContent()).toBe('Mi factura llegó con un cobro doble');
    await page.fill('input[type=search]', '');
    await page.locator('li.row').first().waitFor();
  });

  it('shows the contact panel: CI, service number, channels, and the past API conversation, which opens', async () => {
    const panel = page.locator('.contact-panel');
    await panel.locator('.past button').first().waitFor();
    const text = await panel.textContent();
    // The channels by their names in the agent's language (Spanish here), not the hub's kinds.
    for (const s of ['CI', '4477889 LP', 'Número de servicio', 'FJ-20931', 'cust-ana', 'Chat web', 'API']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('webchat');
    await page.screenshot({ path: join(shots, 'agent-2-contact-panel.png') });
    await panel.locator(`.past button[data-id="${w.ids.past}"]`).click();
    await page.locator('.msg.in', { hasText: 'cobro doble' }).waitFor();
    expect(current()).toBe(w.ids.past);
    await page.locator(`.contact-panel .past button[data-id="${w.ids.chat}"]`).click();
    await page.locator('.msg.in', { hasText: 'Le envío mi carnet' }).waitFor();
  });

  it('opens the ID-card photos in the viewer: zoom, next, Escape', async () => {
    const thumbs = page.locator('.msg a.att img');
    await thumbs.nth(1).waitFor();
    await thumbs.first().click();
    const viewer = page.locator('dialog.viewer[open]');
    await viewer.waitFor();
    await viewer.locator('.stage img').waitFor();
    expect(await viewer.locator('.counter').textContent()).toBe('1 / 2');
    expect(await viewer.locator('.name').textContent()).toBe('ci-anverso.png');
    expect(await viewer.locator('.stage img').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(2);
    // Fitted, the 2-pixel image fills the stage; zoomed in, it is 1.5× its natural size.
    expect(
      await viewer.locator('.stage img').evaluate((i) => i.getBoundingClientRect().height),
    ).toBeGreaterThan(100);
    await page.screenshot({ path: join(shots, 'agent-3-viewer.png') });
    await viewer.getByRole('button', { name: 'Acercar' }).click();
    expect(await viewer.locator('.stage img').getAttribute('data-zoom')).toBe('1.5');
    await page.keyboard.press('ArrowRight');
    expect(await viewer.locator('.counter').textContent()).toBe('2 / 2');
    expect(await viewer.locator('.name').textContent()).toBe('ci-reverso.png');
    await page.keyboard.press('Escape');
    await page.locator('dialog.viewer').waitFor({ state: 'detached' });
    expect(current()).toBe(w.ids.chat);
    expect(await page.context().pages()).toHaveLength(1);
  });

  it('? shows the shortcuts; Escape closes them', async () => {
    await blur();
    await page.keyboard.press('?');
    const help = page.locator('dialog.shortcuts[open]');
    await help.waitFor();
    expect(await help.textContent()).toContain('Conversación siguiente');
    await page.screenshot({ path: join(shots, 'agent-4-shortcuts.png') });
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('j and k move through the list; letters typed in the reply stay letters', async () => {
    const rows = await openRows();
    const at = rows.indexOf(w.ids.chat);
    const other = rows[1 - at];
    await page.keyboard.press(at === 0 ? 'j' : 'k');
    await page.locator('.conversation', { hasText: 'Sin internet' }).waitFor();
    expect(current()).toBe(other);
    await page.keyboard.press(at === 0 ? 'k' : 'j');
    await page.locator('.msg.in', { hasText: 'Le envío mi carnet' }).waitFor();
    expect(current()).toBe(w.ids.chat);
    // r puts the cursor in the reply box; what is typed there is text, not shortcuts.
    await page.keyboard.press('r');
    await page.waitForFunction(() => document.activeElement?.matches('.composer textarea'));
    await page.keyboard.type('jek');
    expect(await page.inputValue('.composer textarea')).toBe('jek');
    expect(current()).toBe(w.ids.chat);
    await page.fill('.composer textarea', '');
    await blur();
    await page.keyboard.press('n');
    await page.waitForFunction(() => document.activeElement?.matches('.composer.note textarea'));
    await blur();
  });

  it('e resolves the open conversation', async () => {
    await page.keyboard.press('e');
    await eventually(
      async () => (await admin().get(`/conversations/${w.ids.chat}`)).body.data.status === 'resolved',
    );
    await page.locator('.conversation .bar', { hasText: 'Reabrir' }).waitFor();
  });

  it('sounds and notifies for a message elsewhere and a new assignment, once turned on', async () => {
    // Beto's conversation was assigned to her before this console opened: a message in it is news, its
    // assignment is not.
    await page.reload();
    const toggle = page.locator('button.notify-toggle');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(
      await page.evaluate(() =>
        localStorage.getItem(`hub.notify.${JSON.parse(localStorage.getItem('hub.session')!).user.id}`),
      ),
    ).toBe('on');
    await incoming(t.url, w.api, {
      externalId: 'beto-2',
      contact: { externalId: 'cust-beto' },
      text: '¿Alguien me atiende?',
    });
    const notices = () => page.evaluate(() => (window as unknown as { notices: string[] }).notices);
    await eventually(async () => (await notices()).length > 0);
    expect(await notices()).toEqual(['Nuevo mensaje de cliente | ¿Alguien me atiende?']);
    // A new customer, assigned to her by a supervisor.
    const r = await incoming(t.url, w.api, {
      externalId: 'ciro-1',
      contact: { externalId: 'cust-ciro' },
      text: 'Hola',
    });
    const ciro = r.body.data.conversation.id;
    await admin().post(`/conversations/${ciro}/assign`, { assigneeId: w.agentId });
    await eventually(async () =>
      (await notices()).includes(`Conversación #${ciro} asignada a usted | #${ciro}`),
    );
    expect(await page.evaluate(() => (window as unknown as { beeps: number }).beeps)).toBeGreaterThanOrEqual(
      4,
    );
    await page.screenshot({ path: join(shots, 'agent-5-alerts.png') });
    // Kept across a reload.
    await page.reload();
    await page.locator('button.notify-toggle[aria-pressed="true"]').waitFor();
    // Away from the inbox (any other page of the console), news still calls.
    await page.goto(`${t.url}/admin/teams`);
    await page.locator('button.notify-toggle[aria-pressed="true"]').waitFor();
    await incoming(t.url, w.api, {
      externalId: 'beto-3',
      contact: { externalId: 'cust-beto' },
      text: '¿Siguen ahí?',
    });
    await eventually(async () => (await notices()).includes('Nuevo mensaje de cliente | ¿Siguen ahí?'));
    expect(new URL(page.url()).pathname).toBe('/admin/teams');
  });
});
