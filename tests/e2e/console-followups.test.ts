// The follow-up dashboard and compensation in a real Chromium (issue 18, items 3–4): a conversation gets the
// complaint category through the API and its follow-up appears on the supervisor's dashboard; the
// supervisor forwards it to a team with a note, schedules another from the conversation's side panel, and
// estimates a compensation of 50 Bs; finance, in its own browser, is told in the header, sees it in its
// queue without anything of the conversation and credits it with a reference; the follow-up's owner,
// told in turn, tells the customer by message (the message appears in the conversation); the supervisor
// closes it, and the dashboard shows it closed with its history (who, what). In Arabic the dashboard and
// a follow-up read right to left without overflowing 1280 px, and a refusal of the hub reads in words.
// Screenshots: /tmp/followups-*.png.
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
import { startWebhookReceiver } from '#tests/helpers/webhook-receiver.ts';
import { consolePage, launchChromium, logInConsole, shotOnFailure } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let admin: ReturnType<typeof client>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let browser: Browser;
let page: Page | undefined;
let supervisorPage: Page;
let financePage: Page;
let ownerPage: Page;
const people = { supervisor: '', finance: '', owner: '', ownerId: '' };
let team = '';
let conversation = '';
let followUp = '';
let compensation = '';
let inbox: { id: string; token: string };
const pageErrors: string[] = [];
const shot = (p: Page, name: string) => p.screenshot({ path: `/tmp/followups-${name}.png`, fullPage: true });
const long = { timeout: 20_000 };

/** A customer's conversation through the API inbox, its contact with a service number, made a complaint. */
async function complaint(key: string, customer: string, serviceNumber: string) {
  const res = await incoming(t.url, inbox, {
    externalId: `${key}-1`,
    contact: { externalId: key, name: customer },
    text: 'I paid for a month and the internet was down for a week',
    threadKey: key,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const c = res.body.data.conversation;
  expect((await admin.patch(`/contacts/${c.contactId}`, { attributes: { serviceNumber } })).status).toBe(200);
  expect((await admin.post(`/conversations/${c.id}/category`, { category: 'complaint' })).status).toBe(200);
  const f = (await admin.get('/follow-ups')).body.data.find(
    (x: { conversationId: string }) => x.conversationId === c.id,
  );
  expect(f?.kind).toBe('complaint');
  return { conversation: c.id as string, followUp: f.id as string };
}

beforeAll(async () => {
  t = await startTestHub();
  receiver = await startWebhookReceiver();
  account = await seedAccount(t, 'Fijacom');
  admin = client(t.url, account.adminToken);
  const supervisor = await account.user('supervisor', 'Sara Vargas');
  const finance = await account.user('finance', 'Fabio Finanzas');
  const owner = await account.user('follow_up', 'Fátima Seguimiento');
  const agent = await account.user('agent', 'Rosa Quispe');
  people.supervisor = supervisor.user.email;
  people.finance = finance.user.email;
  people.owner = owner.user.email;
  people.ownerId = String(owner.user.id);
  inbox = await account.apiInbox(receiver.url);
  const teamRes = await admin.post('/teams', { name: 'Technical', memberIds: [String(agent.user.id)] });
  expect(teamRes.status, JSON.stringify(teamRes.body)).toBe(201);
  team = teamRes.body.data.id;
  ({ conversation, followUp } = await complaint('rosa', 'Rosa Refund', '2251234'));
  browser = await launchChromium();
});
shotOnFailure('console-followups', () => page);
afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
  await receiver?.close();
});

const row = (p: Page, id: string) => p.locator(`.fu-table tr[data-id="${id}"]`);
const notice = (p: Page) => p.locator('.fu-notice').first().textContent();

describe('follow-ups and compensation in the console', () => {
  it('the complaint is on the supervisor’s dashboard; forwarded to a team with a note', async () => {
    supervisorPage = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
    page = supervisorPage;
    const p = supervisorPage;
    await logInConsole(p, t.url, people.supervisor);
    const nav = p.locator('header.top nav a[href="/follow-ups"]');
    expect(await nav.textContent()).toBe('Follow-ups');
    await nav.click();
    const r = row(p, followUp);
    await r.waitFor();
    expect(await r.getAttribute('data-status')).toBe('open');
    expect(await r.getAttribute('data-conversation')).toBe(conversation);
    expect(await r.locator('.fu-kind').textContent()).toBe('Complaint');
    expect(await r.locator('.fu-owner').textContent()).toBe('\u2068Fátima Seguimiento\u2069');
    expect(await r.innerText()).toContain('Rosa Refund');
    expect(await r.getAttribute('class')).not.toContain('fu-overdue'); // due tomorrow
    // Filters: closed ones only → not there; back to all.
    await p.locator('.fu-filters select[name=status]').selectOption('closed');
    await expect.poll(() => p.locator('.fu-none').count()).toBe(1);
    await p.locator('.fu-filters select[name=status]').selectOption('');
    await p.locator('.fu-filters select[name=kind]').selectOption('complaint');
    await r.waitFor();
    await shot(p, 'en-dashboard');

    await r.locator('.fu-open').click();
    await p.waitForURL(/\/follow-ups\/\d+$/);
    expect(await p.locator('.fu-view h1').textContent()).toBe(`Follow-up #${followUp} — Complaint`);
    await p.locator('.fu-forward select[name=teamId]').selectOption(team);
    await p.locator('.fu-forward textarea[name=forwardNote]').fill('Check the line at the exchange');
    await p.locator('.fu-forward button[type=submit]').click();
    await expect.poll(() => notice(p)).toBe('Forwarded to Technical.');
    expect(await p.locator('.fu-view').getAttribute('data-status')).toBe('forwarded');
    expect(await p.locator('.fu-team').textContent()).toBe('Technical');
    const stored = (await admin.get(`/follow-ups/${followUp}`)).body;
    expect(stored.data).toMatchObject({ status: 'forwarded', teamId: team });
    expect(stored.events.at(-1)).toMatchObject({
      type: 'follow_up.forwarded',
      data: { note: 'Check the line at the exchange', teamName: 'Technical' },
    });
  });

  it('scheduled from the conversation for its owner, who hears of it; a compensation of 50 Bs estimated', async () => {
    // Finance and the follow-up employee, each in their own browser, are there to hear of what follows.
    financePage = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
    await logInConsole(financePage, t.url, people.finance);
    const financeNav = financePage.locator('header.top nav a[href="/follow-ups"]');
    expect(await financeNav.textContent()).toBe('Compensations');
    ownerPage = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
    await logInConsole(ownerPage, t.url, people.owner);
    await ownerPage.waitForURL(/\/follow-ups$/); // a follow_up user's home
    await row(ownerPage, followUp).waitFor();

    const p = supervisorPage;
    page = p;
    await p.locator('.fu-conversation').click();
    await p.waitForURL(new RegExp(`/conversations/${conversation}$`));
    const section = p.locator('.fu-section');
    const openHere = section.locator(`.fu-open-here[data-id="${followUp}"]`);
    await openHere.waitFor();
    expect(await openHere.locator('a').textContent()).toBe('Complaint · Forwarded');
    await section.locator('.fu-schedule-open').click();
    const form = section.locator('.fu-schedule');
    await form.locator('select[name=kind]').selectOption('installation');
    await form.locator('input[name=dueAt]').fill('2026-01-05T09:00'); // already past: overdue
    await form.locator('select[name=ownerId]').selectOption(people.ownerId);
    await form.locator('textarea[name=note]').fill('Install the second line');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => section.locator('.fu-notice').textContent()).toBe('Follow-up scheduled.');
    await expect.poll(() => section.locator('.fu-open-here').count()).toBe(2);
    const scheduled = (await admin.get('/follow-ups?kind=installation')).body.data;
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).toMatchObject({
      conversationId: conversation,
      ownerId: people.ownerId,
      note: 'Install the second line',
      origin: 'manual',
    });
    await shot(p, 'en-conversation');
    // Its owner's open console is told in the header, and the alert leads to it.
    await ownerPage.locator('header .alerts button').click();
    const assigned = ownerPage.locator('.alerts-list li[data-type="follow_up.assigned"] a');
    await assigned.waitFor(long);
    expect(await assigned.textContent()).toBe(
      `A follow-up (Installation) of conversation #${conversation} is yours`,
    );
    await assigned.click();
    await ownerPage.waitForURL(new RegExp(`/follow-ups/${scheduled[0].id}$`));
    expect(await ownerPage.locator('.fu-view h1').textContent()).toBe(
      `Follow-up #${scheduled[0].id} — Installation`,
    );
    // The follow-up employee reads no conversation: its number, no link; no reassigning either.
    expect(await ownerPage.locator('.fu-conversation').count()).toBe(0);
    expect(await ownerPage.locator('.fu-reassign').count()).toBe(0);
    // Who scheduled it, by name, although a follow-up employee may not read the users list.
    const ownerHistory = await ownerPage.locator('.fu-history').innerText();
    expect(ownerHistory).toContain('\u2068Sara Vargas\u2069');
    expect(ownerHistory).not.toMatch(/user #\d/);

    // On the dashboard the overdue one is marked.
    await p.goto(`${t.url}/follow-ups`);
    const overdue = row(p, scheduled[0].id);
    await overdue.waitFor();
    expect(await overdue.getAttribute('class')).toContain('fu-overdue');
    expect(await overdue.locator('.fu-overdue-mark').textContent()).toBe(' overdue');

    // The manager estimates the complaint's compensation.
    await row(p, followUp).locator('.fu-open').click();
    await p.locator('.fu-compensation').waitFor();
    expect(await p.locator('.fu-compensation').getAttribute('data-status')).toBe('none');
    await p.locator('.fu-estimate input[name=amount]').fill('50');
    await p.locator('.fu-estimate input[name=reason]').fill('Service down for a week');
    await p.locator('.fu-estimate button[type=submit]').click();
    await expect.poll(() => notice(p)).toBe('Compensation estimated: finance has been told.');
    expect(await p.locator('.fu-compensation').getAttribute('data-status')).toBe('estimated');
    expect(await p.locator('.fu-compensation .fu-amount').textContent()).toBe('50.00 Bs');
    const c = (await admin.get(`/follow-ups/${followUp}`)).body.compensation;
    expect(c).toMatchObject({ status: 'estimated', amount: '50.00', reason: 'Service down for a week' });
    compensation = c.id;
  });

  it('finance is told, sees it in its queue without the conversation, and credits it', async () => {
    const p = financePage;
    page = p;
    await p.locator('header .alerts button').click();
    const alert = p.locator('.alerts-list li[data-type="compensation.estimated"] a');
    await alert.waitFor(long);
    expect(await alert.textContent()).toBe('A compensation of 50.00 Bs to credit');
    await alert.click();
    await p.waitForURL(/\/follow-ups$/);
    expect(await p.locator('.fu-page h1').textContent()).toBe('Compensations');
    const r = p.locator(`.fu-comp-table tr[data-id="${compensation}"]`);
    await r.waitFor();
    expect(await r.locator('.fu-customer').textContent()).toBe('Rosa Refund');
    expect(await r.locator('.fu-service').textContent()).toBe('2251234');
    expect(await r.locator('.fu-amount').textContent()).toBe('50.00 Bs');
    expect(await r.locator('.fu-reason').textContent()).toBe('Service down for a week');
    expect(await r.innerText()).toContain('Technical');
    // Nothing of the conversation: neither its words, nor its number, nor a link to it.
    const text = await p.locator('main').innerText();
    expect(text).not.toContain('internet was down');
    expect(text).not.toContain(`#${conversation}`);
    expect(await p.locator('a[href^="/conversations/"]').count()).toBe(0);
    await shot(p, 'en-finance-queue');
    await r.locator('input[name=reference]').fill('NC-2026-0042');
    await r.locator('button[type=submit]').click();
    await expect.poll(() => notice(p)).toBe('Credited: the follow-up’s owner will tell the customer.');
    await expect.poll(() => p.locator('.fu-comp-table').count()).toBe(0);
    expect(await p.locator('.fu-finance .muted').textContent()).toBe('Nothing to credit.');
    const c = (await admin.get(`/follow-ups/${followUp}`)).body.compensation;
    expect(c).toMatchObject({ status: 'credited', creditReference: 'NC-2026-0042' });
  });

  it('the owner, told in the header, tells the customer by message; it appears in the conversation', async () => {
    const p = ownerPage;
    page = p;
    if (!(await p.locator('.alerts-list').isVisible())) await p.locator('header .alerts button').click();
    const alert = p.locator('.alerts-list li[data-type="compensation.credited"] a');
    await alert.waitFor(long);
    expect(await alert.textContent()).toBe('Compensation of 50.00 Bs credited: tell the customer');
    await alert.click();
    await p.waitForURL(new RegExp(`/follow-ups/${followUp}$`));
    await p.locator('.fu-compensation[data-status=credited]').waitFor();
    expect(await p.locator('.fu-reference').textContent()).toBe('NC-2026-0042');
    expect(await p.locator('.fu-estimate').count()).toBe(0); // the manager's step
    await p.locator('.fu-tell-message').click();
    await expect.poll(() => notice(p)).toBe('The customer has been told.');
    expect(await p.locator('.fu-compensation').getAttribute('data-status')).toBe('told');
    expect(await p.locator('.fu-comp-close').count()).toBe(0); // the manager closes
    await shot(p, 'en-owner-told');

    // The supervisor sees the message in the conversation, sent to the customer.
    const s = supervisorPage;
    await s.goto(`${t.url}/conversations/${conversation}`);
    const told = s.locator('.timeline li.msg.out', { hasText: 'NC-2026-0042' });
    await told.waitFor(long);
    expect(await told.innerText()).toContain('50.00 Bs');
    const messages = (await admin.get(`/conversations/${conversation}/messages`)).body.data;
    expect(messages.some((m: { text: string | null }) => m.text?.includes('50.00 Bs'))).toBe(true);
  });

  it('the supervisor closes it; the dashboard shows it closed with its history', async () => {
    const p = supervisorPage;
    page = p;
    await p.goto(`${t.url}/follow-ups/${followUp}`);
    await p.locator('.fu-compensation[data-status=told]').waitFor();
    await p.locator('.fu-comp-close').click();
    await expect.poll(() => notice(p)).toBe('Compensation and follow-up closed.');
    expect(await p.locator('.fu-view').getAttribute('data-status')).toBe('closed');
    expect(await p.locator('.fu-close').count()).toBe(0);
    const history = p.locator('.fu-history li');
    expect(await history.evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).toEqual([
      'follow_up.opened',
      'follow_up.forwarded',
      'compensation.estimated',
      'compensation.credited',
      'compensation.told',
      'compensation.closed',
      'follow_up.closed',
    ]);
    expect(await history.nth(1).innerText()).toContain('Forwarded to \u2068Technical\u2069');
    expect(await history.nth(1).innerText()).toContain('— you ·'); // the supervisor reading it
    expect(await history.nth(1).locator('.fu-event-note').textContent()).toBe(
      'Check the line at the exchange',
    );
    expect(await history.nth(3).innerText()).toContain('Compensation credited (ref. NC-2026-0042)');
    expect(await history.nth(3).innerText()).toContain('\u2068Fabio Finanzas\u2069');
    expect(await history.nth(4).innerText()).toContain('Customer told (by message)');
    expect(await history.nth(4).innerText()).toContain('\u2068Fátima Seguimiento\u2069');
    await shot(p, 'en-closed');
    await p.locator('.fu-back').click();
    await p.locator('.fu-filters select[name=status]').selectOption('closed');
    await expect.poll(() => p.locator('.fu-table tbody tr').count()).toBe(1);
    expect(await row(p, followUp).getAttribute('data-status')).toBe('closed');
    expect(await row(p, followUp).locator('.fu-status').textContent()).toBe('Closed');
    expect((await admin.get(`/follow-ups/${followUp}`)).body.data.status).toBe('closed');
  });

  it('in Arabic: right to left within 1280 px, and a refusal of the hub in words', async () => {
    const second = await complaint('carla', 'Carla Rojas', '2257777');
    page = await consolePage(browser, {
      locale: 'ar',
      viewport: { width: 1280, height: 900 },
      errors: pageErrors,
    });
    const p = page;
    await logInConsole(p, t.url, people.supervisor);
    expect(await p.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const nav = p.locator('header.top nav a[href="/follow-ups"]');
    expect(await nav.textContent()).toBe('المتابعات');
    await nav.click();
    const r = row(p, second.followUp);
    await r.waitFor();
    expect(await r.locator('.fu-kind').textContent()).toBe('شكوى');
    expect(await r.locator('.fu-status').textContent()).toBe('مفتوحة');
    const fits = () =>
      p.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        outside: [
          ...document.querySelectorAll(
            '.fu-filters label, .fu-facts, .fu-actions form, .fu-history li, .fu-table-wrap',
          ),
        ].filter((el) => {
          const b = el.getBoundingClientRect();
          return b.left < -1 || b.right > 1281;
        }).length,
      }));
    expect(await fits()).toEqual({ page: 1280, outside: 0 });
    await shot(p, 'ar-dashboard');
    await r.locator('.fu-open').click();
    await p.locator('.fu-estimate').waitFor();
    expect(await p.locator('.fu-view h1').textContent()).toBe(`المتابعة #${second.followUp} — شكوى`);
    // Right to left: the actions are the right-hand column, the history the left.
    const columns = await p.evaluate(() => ({
      actions: document.querySelector('.fu-actions')!.getBoundingClientRect().right,
      history: document.querySelector('.fu-history')!.getBoundingClientRect().right,
    }));
    expect(columns.actions).toBeGreaterThan(columns.history);
    expect(await fits()).toEqual({ page: 1280, outside: 0 });
    await shot(p, 'ar-follow-up');
    // Closed meanwhile (another manager, through the API): the estimate is refused, 409, said in Arabic.
    expect(
      (await admin.post(`/follow-ups/${second.followUp}/close`, { customerTold: true, note: 'por teléfono' }))
        .status,
    ).toBe(200);
    await p.locator('.fu-estimate input[name=amount]').fill('10');
    await p.locator('.fu-estimate input[name=reason]').fill('انقطاع الخدمة');
    await p.locator('.fu-estimate button[type=submit]').click();
    await expect
      .poll(() => p.locator('.fu-notice.bad').textContent())
      .toBe('تغيّر هذا في الأثناء: أعد تحميله.');
    expect((await admin.get(`/follow-ups/${second.followUp}`)).body.compensation).toBeNull();
    await shot(p, 'ar-refused');
  });
});
