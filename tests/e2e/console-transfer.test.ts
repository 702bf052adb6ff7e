// Handing a conversation on, in a real Chromium, as an agent (who may not read the users' admin pages):
// transfer to a colleague with a note (the colleague's console shows it arrive, note included), assign
// to a colleague from the header, and transfer to another team's queue. Screenshots land in
// tests/.tmp/e2e/console-transfer-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  eventually,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { makeTeam } from '#tests/helpers/routing.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let rosaPage: Page;
let betoPage: Page;
const people: Record<string, { id: string; email: string }> = {};
let claimsTeam: string;
let inbox: { id: string; token: string };
const pageErrors: string[] = [];

async function logIn(email: string): Promise<Page> {
  const page = await consolePage(browser, { viewport: { width: 1400, height: 850 }, errors: pageErrors });
  await logInConsole(page, t.url, email);
  return page;
}

async function conversationOfRosa(n: number): Promise<string> {
  const r = await incoming(t.url, inbox, {
    externalId: `tr-${n}`,
    contact: { externalId: `tr-contact-${n}`, name: `Cliente ${n}` },
    text: `Consulta ${n}`,
  });
  const id = r.body.data.conversation.id;
  const assigned = await client(t.url, account.adminToken).post(`/conversations/${id}/assign`, {
    assigneeId: people.rosa.id,
  });
  expect(assigned.status).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  const admin = client(t.url, account.adminToken);
  for (const [key, name] of [
    ['rosa', 'Rosa Quispe'],
    ['beto', 'Beto Mamani'],
  ]) {
    const email = `${key}.transfer@example.test`;
    const made = await admin.post('/users', {
      name,
      email,
      password: 'correct horse battery',
      role: 'agent',
    });
    expect(made.status).toBe(201);
    people[key] = { id: made.body.data.id, email };
  }
  // Nobody of the claims team is online: a conversation sent there waits in its queue.
  claimsTeam = await makeTeam(t, account, { name: 'Reclamos', strategy: 'least_busy', memberIds: [] });
  inbox = await account.apiInbox();
  browser = await launchChromium();
  rosaPage = await logIn(people.rosa.email);
  betoPage = await logIn(people.beto.email);
});
afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

describe('handing a conversation on', () => {
  it('transfers to a colleague with a note, and the colleague sees it arrive with the note', async () => {
    const id = await conversationOfRosa(1);
    await rosaPage.goto(`${t.url}/conversations/${id}`);
    await rosaPage.locator('.composer textarea').waitFor();
    await rosaPage.getByRole('button', { name: 'Transfer', exact: true }).click();
    const form = rosaPage.locator('form[aria-label="Transfer"]');
    const target = form.getByLabel('Transfer to…');
    // Teams and colleagues (not herself), each colleague with their presence.
    expect(
      await target.locator('optgroup').evaluateAll((g) => g.map((x) => x.getAttribute('label'))),
    ).toEqual(['Teams', 'Agents']);
    const agentOptions = await target.locator('optgroup[label=Agents] option').allTextContents();
    expect(agentOptions).toContain('Beto Mamani · Offline');
    expect(agentOptions.some((o) => o.startsWith('Rosa'))).toBe(false);
    await target.selectOption(`agent:${people.beto.id}`);
    await form.getByLabel('Note for whoever takes it').fill('Pide portabilidad, ya envió su CI');
    await rosaPage.screenshot({ path: join(shots, 'console-transfer-1-form.png') });
    await form.getByRole('button', { name: 'Transfer', exact: true }).click();

    const admin = client(t.url, account.adminToken);
    await eventually(
      async () => (await admin.get(`/conversations/${id}`)).body.data.assigneeId === people.beto.id,
    );
    const messages = (await admin.get(`/conversations/${id}/messages`)).body.data;
    expect(messages.find((m: any) => m.private)?.text).toBe('Pide portabilidad, ya envió su CI');
    const events = (await admin.get(`/conversations/${id}/events`)).body.data.map((e: any) => e.type);
    expect(events).toContain('conversation.transferred');

    // Beto's inbox lists it live, and the note is in its timeline.
    await betoPage.locator(`li.row[data-id="${id}"]`).waitFor();
    await betoPage.locator(`li.row[data-id="${id}"] button`).click();
    await betoPage.locator('.msg.note', { hasText: 'Pide portabilidad' }).waitFor();
    await betoPage.screenshot({ path: join(shots, 'console-transfer-2-received.png') });
  });

  it('assigns to a colleague from the header', async () => {
    const id = await conversationOfRosa(2);
    await rosaPage.goto(`${t.url}/conversations/${id}`);
    await rosaPage.locator('.composer textarea').waitFor();
    await rosaPage.getByLabel('Assign to').selectOption(people.beto.id);
    await eventually(
      async () =>
        (await client(t.url, account.adminToken).get(`/conversations/${id}`)).body.data.assigneeId ===
        people.beto.id,
    );
  });

  it('marks a conversation pending while waiting on the customer, its clocks paused, and reopens it', async () => {
    // A resolution target for this API inbox's conversations, so there is a clock to stop.
    const set = await client(t.url, account.adminToken).patch('/routing/settings', {
      sla: { api: { resolutionSeconds: 3600 } },
    });
    expect(set.status).toBe(200);
    const id = await conversationOfRosa(4);
    const status = async () =>
      (await client(t.url, account.adminToken).get(`/conversations/${id}`)).body.data.status;
    await rosaPage.goto(`${t.url}/conversations/${id}`);
    await rosaPage.locator('.composer textarea').waitFor();
    await rosaPage
      .locator('.conversation .bar')
      .getByRole('button', { name: 'Pending', exact: true })
      .click();
    await eventually(async () => (await status()) === 'pending');
    await rosaPage.locator('.conversation .bar .badge', { hasText: 'Pending' }).waitFor();
    await rosaPage
      .getByTestId('sla-paused')
      .filter({ hasText: 'Clocks paused: waiting on the customer' })
      .waitFor();
    await rosaPage.screenshot({ path: join(shots, 'console-transfer-3-pending.png') });
    await rosaPage.locator('.conversation .bar').getByRole('button', { name: 'Reopen' }).click();
    await eventually(async () => (await status()) === 'open');
    await rosaPage.getByTestId('sla-paused').waitFor({ state: 'detached' });
  });

  it("transfers to another team's queue", async () => {
    const id = await conversationOfRosa(3);
    await rosaPage.goto(`${t.url}/conversations/${id}`);
    await rosaPage.locator('.composer textarea').waitFor();
    await rosaPage.getByRole('button', { name: 'Transfer', exact: true }).click();
    const form = rosaPage.locator('form[aria-label="Transfer"]');
    await form.getByLabel('Transfer to…').selectOption(`team:${claimsTeam}`);
    await form.getByRole('button', { name: 'Transfer', exact: true }).click();
    const after = await eventually(async () => {
      const c = (await client(t.url, account.adminToken).get(`/conversations/${id}`)).body.data;
      return c.teamId === claimsTeam && c;
    });
    // Nobody of that team is online: it waits in the team's queue, unassigned.
    expect(after.assigneeId).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it('lets an agent filter the inbox by team, their own teams first', async () => {
    // Rosa works in sales; one conversation waits in the sales queue, another in the claims queue (above).
    const sales = await makeTeam(t, account, {
      name: 'Ventas',
      strategy: 'manual',
      memberIds: [people.rosa.id],
    });
    const waiting = await conversationOfRosa(4);
    const moved = await client(t.url, account.adminToken).post(`/conversations/${waiting}/transfer`, {
      teamId: sales,
    });
    expect(moved.status).toBe(200);
    const rosaToken = (
      await client(t.url).post('/auth/login', { email: people.rosa.email, password: 'correct horse battery' })
    ).body.token as string;
    const rows = rosaPage.locator('[data-testid=conversation-list] li.row');
    const shown = () => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    const visible = async (teamId: string) =>
      (await client(t.url, rosaToken).get(`/conversations?status=open&teamId=${teamId}`)).body.data.map(
        (c: { id: string }) => c.id,
      );

    await rosaPage.goto(`${t.url}/`);
    await rosaPage.getByRole('tab', { name: 'All' }).click();
    const filter = rosaPage.getByRole('combobox', { name: 'Team' });
    await filter.waitFor();
    expect(await filter.locator('option').allTextContents()).toEqual(['All teams', '★ Ventas', 'Reclamos']);
    await filter.selectOption({ value: sales });
    expect(await visible(sales)).toEqual([waiting]);
    await expect.poll(shown, { timeout: 10_000 }).toEqual([waiting]);
    await rosaPage.screenshot({ path: join(shots, 'console-transfer-team-filter.png') });
    // The claims queue is not hers: only what is assigned to her there would show, and nothing is.
    await filter.selectOption({ value: claimsTeam });
    expect(await visible(claimsTeam)).toEqual([]);
    await rosaPage.getByText('No conversations here').waitFor();
  });
});
