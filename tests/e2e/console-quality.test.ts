// The quality officer's evaluation form beside the transcript, in a real Chromium (issue 18, item 1): QA
// opens a conversation's evaluation from the Quality page, marks the five QP-14 criteria (labels and
// definitions in the user's language), pins a Major error to one of the agent's replies with a note and
// sees the score fall by the grade's points, saves the draft and submits. The agent, in their own browser,
// finds it under "My evaluations", follows the pinned error to their message, and disputes it with a
// comment; a supervisor settles it revised with a new mark, and the agent's open console hears of it in
// the header's alerts. In Arabic the evaluation view reads right to left without overflowing 1280 px.
// Screenshots: /tmp/quality-*.png.
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationRatings, conversations as conversationsTable } from '#server/db/schema.ts';
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
let admin: ReturnType<typeof client>;
let browser: Browser;
let page: Page | undefined;
let agentPage: Page | undefined;
const people = { qa: '', agent: '', supervisor: '' };
let agentId = '';
const conversations: Record<'en' | 'ar', { id: string; replies: string[] }> = {
  en: { id: '', replies: [] },
  ar: { id: '', replies: [] },
};
let evaluationId = '';
let lowRated = '';
const pageErrors: string[] = [];
const shot = (p: Page, name: string) => p.screenshot({ path: `/tmp/quality-${name}.png`, fullPage: true });

/** A customer's conversation handled by the agent: the customer writes, the agent answers twice. */
async function handled(inbox: { id: string; token: string }, who: string, agentToken: string) {
  const first = await incoming(t.url, inbox, {
    externalId: `${who}-1`,
    contact: { externalId: who, name: `Cliente ${who}` },
    text: 'Mi internet no funciona desde ayer',
  });
  expect(first.status).toBe(201);
  const id: string = first.body.data.conversation.id;
  expect((await admin.post(`/conversations/${id}/assign`, { assigneeId: agentId })).status).toBe(200);
  const agent = client(t.url, agentToken);
  const replies: string[] = [];
  for (const text of ['Buenos días, reinicie el módem por favor.', 'Listo, ya debería funcionar.']) {
    const r = await agent.post(`/conversations/${id}/messages`, { text });
    expect(r.status).toBe(201);
    replies.push(r.body.data.id);
  }
  return { id, replies };
}

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t, 'Fijacom');
  admin = client(t.url, account.adminToken);
  const qa = await account.user('qa', 'Quinn Calidad');
  const agent = await account.user('agent', 'Rosa Quispe');
  const supervisor = await account.user('supervisor', 'Sara Vargas');
  people.qa = qa.user.email;
  people.agent = agent.user.email;
  people.supervisor = supervisor.user.email;
  agentId = String(agent.user.id);
  const inbox = await account.apiInbox();
  conversations.en = await handled(inbox, 'juan', agent.token);
  conversations.ar = await handled(inbox, 'carla', agent.token);
  // Lucía's, resolved a week ago and rated 1 by her: what last week's sampling must pick as low rated.
  // Only the outcome of the resolution and the survey is written directly (their paths have their specs).
  const lucia = await handled(inbox, 'lucia', agent.token);
  lowRated = lucia.id;
  const db = t.hub.ctx.db;
  const [c] = await db
    .update(conversationsTable)
    .set({ status: 'resolved', resolvedAt: new Date(Date.now() - 7 * 86_400_000) })
    .where(eq(conversationsTable.id, Number(lucia.id)))
    .returning();
  await db.insert(conversationRatings).values({
    accountId: c.accountId,
    conversationId: c.id,
    inboxId: c.inboxId,
    contactId: c.contactId,
    agentId: agent.user.id,
    rating: 1,
  });
  browser = await launchChromium();
});
shotOnFailure('console-quality', () => page);
afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

const criterion = (p: Page, key: string) => p.locator(`.quality-criterion[data-key=${key}]`);
const mark = (p: Page, key: string, n: number) =>
  criterion(p, key).locator(`input[name=mark-${key}][value="${n}"]`).check();
const score = (p: Page) => p.locator('.quality-form .quality-score-value').getAttribute('data-score');

/** From the Quality page: the conversation's number, "Evaluate", and the evaluation with its transcript. */
async function openEvaluationOf(p: Page, conversationId: string) {
  await p.goto(`${t.url}/quality`);
  await p.locator('.quality-evaluate-one input[name=conversationId]').fill(conversationId);
  await p.locator('.quality-evaluate-one button[type=submit]').click();
  await p.waitForURL(/\/quality\/e\/\d+$/);
  await p.locator('.quality-transcript li').nth(2).waitFor();
  return p.url().match(/\/quality\/e\/(\d+)$/)![1];
}

describe('quality evaluations in the console', () => {
  it('QA marks the criteria, pins a Major error to a reply, sees the score fall, saves and submits', async () => {
    page = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
    const p = page;
    await logInConsole(p, t.url, people.qa);
    const nav = p.locator('header.top nav a[href="/quality"]');
    expect(await nav.textContent()).toBe('Quality');
    await nav.click();
    await p.locator('.quality-queue h2').waitFor();
    expect(await p.locator('.quality-sample').count()).toBe(0); // sampling is the manager's
    evaluationId = await openEvaluationOf(p, conversations.en.id);
    expect(await p.locator('.quality-evaluation h1').textContent()).toBe(
      `Evaluation of \u2068Rosa Quispe\u2069 — conversation #${conversations.en.id}`,
    );
    expect(await p.locator('.quality-evaluation .quality-status').getAttribute('data-status')).toBe('draft');
    // The transcript: the customer's message and the agent's two replies, named.
    const lines = p.locator('.quality-transcript li');
    expect(await lines.count()).toBe(3);
    expect(await lines.nth(1).locator('.who').textContent()).toBe('Rosa Quispe');
    // The five criteria of QP-14 with their definitions, in English.
    expect(await p.locator('.quality-criterion legend').allTextContents()).toEqual([
      'Problem solved',
      'Courtesy',
      'Empathy',
      'Personal touch',
      'Competence',
    ]);
    expect(await criterion(p, 'problem_solved').locator('.quality-definition').textContent()).toContain(
      'so that they do not have to call again',
    );
    expect(await score(p)).toBe('0');
    // Submitted with nothing marked: the hub's refusal, in words.
    await p.locator('.quality-submit').click();
    await expect
      .poll(() => p.locator('.quality-notice.bad').textContent())
      .toBe('Mark every criterion before submitting.');
    expect((await admin.get(`/evaluations/${evaluationId}`)).body.data.status).toBe('draft');
    // Marked: (30·5 + 20·4 + 15·5 + 10·3 + 25·5)/5 = 92 of 100.
    await mark(p, 'problem_solved', 5);
    await mark(p, 'courtesy', 4);
    await mark(p, 'empathy', 5);
    await mark(p, 'personal_touch', 3);
    await mark(p, 'competence', 5);
    await expect.poll(() => score(p)).toBe('92');

    // A Major error pinned to the agent's first reply: 30 points off, its definition beside it.
    const reply = p.locator(`.quality-transcript li[data-id="${conversations.en.replies[0]}"]`);
    await reply.locator('.quality-pin').click();
    const error = p.locator('.quality-error');
    await error.waitFor();
    expect(await error.getAttribute('data-message')).toBe(conversations.en.replies[0]);
    expect(await error.locator('select[name=grade]').inputValue()).toBe('major');
    expect(await error.locator('.quality-definition').textContent()).toContain('unnecessary cost or effort');
    await error
      .locator('textarea[name=note]')
      .fill('Asked to restart the modem without checking the line first');
    await expect.poll(() => score(p)).toBe('62');
    expect(await p.locator('.quality-breakdown').textContent()).toBe('Criteria 92 · Major −30');
    expect(await reply.locator('.quality-pin-badge').textContent()).toBe('Major');
    // Minor instead: 10 off; back to Major.
    await error.locator('select[name=grade]').selectOption('minor');
    await expect.poll(() => score(p)).toBe('82');
    expect(await error.locator('.quality-definition').textContent()).toContain('expected time');
    await error.locator('select[name=grade]').selectOption('major');
    await expect.poll(() => score(p)).toBe('62');
    await p.locator('.quality-form textarea[name=comment]').fill('Polite, but the diagnosis was skipped.');

    await p.locator('.quality-save').click();
    await expect.poll(() => p.locator('.quality-notice').textContent()).toBe('Draft saved.');
    const draft = (await admin.get(`/evaluations/${evaluationId}`)).body.data;
    expect(draft.status).toBe('draft');
    expect(draft.scores).toEqual({
      problem_solved: 5,
      courtesy: 4,
      empathy: 5,
      personal_touch: 3,
      competence: 5,
    });
    expect(draft.errors.map((x: { grade: string; messageId: string }) => [x.grade, x.messageId])).toEqual([
      ['major', conversations.en.replies[0]],
    ]);
    await shot(p, 'en-draft');

    await p.locator('.quality-submit').click();
    await expect
      .poll(() => p.locator('.quality-notice').textContent())
      .toBe('Submitted: the agent has been told.');
    expect(await p.locator('.quality-evaluation').getAttribute('data-status')).toBe('submitted');
    expect(await p.locator('.quality-submit').count()).toBe(0);
    expect(await p.locator('.quality-pin').count()).toBe(0);
    const submitted = (await admin.get(`/evaluations/${evaluationId}`)).body.data;
    expect(submitted.score).toBe(62);
    expect(submitted.errors[0].note).toBe('Asked to restart the modem without checking the line first');
    expect(submitted.comment).toBe('Polite, but the diagnosis was skipped.');
    // In the list, with its badge and score.
    await p.locator('.quality-back').click();
    const row = p.locator(`.quality-evaluations-table tr[data-id="${evaluationId}"]`);
    await row.waitFor();
    expect(await row.locator('.quality-status').textContent()).toBe('Submitted');
    expect(await row.locator('.quality-score-cell').textContent()).toBe('62');
    await shot(p, 'en-list');
  });

  it('the agent reads it, follows the error to their message, and disputes it with a comment', async () => {
    agentPage = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
    page = agentPage;
    const p = agentPage;
    await logInConsole(p, t.url, people.agent);
    const nav = p.locator('header.top nav a[href="/quality"]');
    expect(await nav.textContent()).toBe('My evaluations');
    await nav.click();
    expect(await p.locator('.quality-queue').count()).toBe(0);
    const row = p.locator(`.quality-evaluations-table tr[data-id="${evaluationId}"]`);
    await row.waitFor();
    expect(await row.locator('.quality-score-cell').textContent()).toBe('62');
    await row.locator('.quality-open').click();
    await p.locator('.quality-transcript li').nth(2).waitFor();
    // Read-only: the marks, the error and its grade, no pin.
    expect(await criterion(p, 'courtesy').locator('.quality-mark').textContent()).toBe('4 / 5');
    expect(await criterion(p, 'courtesy').locator('legend').textContent()).toBe('Courtesy');
    expect(await p.locator('.quality-pin').count()).toBe(0);
    expect(await score(p)).toBe('62');
    const error = p.locator('.quality-error');
    expect(await error.locator('.quality-error-grade').textContent()).toBe('Major −30');
    expect(await error.locator('.quality-error-note').textContent()).toBe(
      'Asked to restart the modem without checking the line first',
    );
    await error.locator('.quality-error-at').click();
    const reply = p.locator(`.quality-transcript li[data-id="${conversations.en.replies[0]}"]`);
    await expect.poll(() => reply.getAttribute('class')).toContain('quality-shown');

    await p.locator('.quality-dispute').click();
    await p
      .locator('.quality-dispute-form textarea[name=dispute]')
      .fill('The customer had already restarted it.');
    await p.locator('.quality-dispute-form button[type=submit]').click();
    await expect
      .poll(() => p.locator('.quality-notice').textContent())
      .toBe('Disputed: a supervisor will settle it.');
    expect(await p.locator('.quality-evaluation').getAttribute('data-status')).toBe('disputed');
    expect(await p.locator('.quality-agent-comment p').textContent()).toBe(
      'The customer had already restarted it.',
    );
    expect(await p.locator('.quality-acknowledge').count()).toBe(0);
    const disputed = (await admin.get(`/evaluations/${evaluationId}`)).body.data;
    expect(disputed.status).toBe('disputed');
    expect(disputed.agentComment).toBe('The customer had already restarted it.');
    await shot(p, 'en-agent-disputed');
  });

  it('a supervisor settles it revised with a new mark; the agent is told in the header', async () => {
    page = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
    const p = page;
    await logInConsole(p, t.url, people.supervisor);
    await p.goto(`${t.url}/quality`);
    await p.locator('.quality-queue h2').waitFor();
    expect(await p.locator('.quality-queue-table').count()).toBe(0);
    // The manager samples last week: Lucía's conversation, resolved then and rated 1, is queued as such.
    await p.locator('.quality-sample').click();
    await expect
      .poll(() => p.locator('.quality-queue .quality-notice').textContent())
      .toMatch(/^Conversations added from the week of \d{4}-\d{2}-\d{2}: 1\.$/);
    const queued = p.locator(`.quality-queue-table tr[data-conversation="${lowRated}"]`);
    await queued.waitFor();
    expect(await queued.getAttribute('data-reason')).toBe('low_rating');
    expect(await queued.innerText()).toContain('Low customer rating');
    expect(await queued.innerText()).toContain('Rosa Quispe');
    expect(await queued.innerText()).toContain('Cliente lucia');
    await shot(p, 'en-queue');
    // "Evaluate" opens its draft, tied to the queue item: back on the page, it reads "Continue".
    await queued.locator('.quality-evaluate').click();
    await p.waitForURL(/\/quality\/e\/\d+$/);
    expect(await p.locator('.quality-evaluation .badge:not(.quality-status)').textContent()).toBe(
      'Low customer rating',
    );
    await p.locator('.quality-back').click();
    await expect.poll(() => queued.locator('.quality-evaluate').textContent()).toBe('Continue');
    await p.locator('.quality-filters select[name=status]').selectOption('disputed');
    const rows = p.locator('.quality-evaluations-table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-id')).toBe(evaluationId);
    await rows.first().locator('.quality-open').click();
    await p.locator('.quality-settle-form').waitFor();
    await p.locator('.quality-transcript li').nth(2).waitFor();
    // Upheld: the marks stay read-only; revised opens them.
    expect(await criterion(p, 'courtesy').locator('input').count()).toBe(0);
    await p.locator('.quality-settle-form input[value=revised]').check();
    await mark(p, 'courtesy', 5);
    await expect.poll(() => score(p)).toBe('66');
    await p
      .locator('.quality-settle-form textarea[name=settleComment]')
      .fill('Fair point: courtesy was full.');
    await p.locator('.quality-settle-form button[type=submit]').click();
    await expect.poll(() => p.locator('.quality-notice').textContent()).toBe('Settled.');
    expect(await p.locator('.quality-evaluation').getAttribute('data-status')).toBe('settled');
    expect(await p.locator('.quality-settlement').getAttribute('data-decision')).toBe('revised');
    expect(await p.locator('.quality-settlement .muted').textContent()).toBe('Score before: 62');
    expect(await score(p)).toBe('66');
    const settled = (await admin.get(`/evaluations/${evaluationId}`)).body.data;
    expect(settled.score).toBe(66);
    expect(settled.scores.courtesy).toBe(5);
    expect(settled.settlement).toEqual({
      decision: 'revised',
      comment: 'Fair point: courtesy was full.',
      previousScore: 62,
    });
    await shot(p, 'en-settled');

    // The agent's console, still open, hears of it: an alert leading to the evaluation.
    const a = agentPage!;
    await a.locator('header .alerts button').click();
    const alert = a.locator('.alerts-list li[data-type="evaluation.settled"] a');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      `Your disputed evaluation of conversation #${conversations.en.id} was settled`,
    );
    await alert.click();
    await expect.poll(() => a.locator('.quality-evaluation').getAttribute('data-status')).toBe('settled');
    expect(await a.locator('.quality-settlement p').last().textContent()).toBe(
      'Fair point: courtesy was full.',
    );
  });

  it('in Arabic: right to left, QP-14 in Arabic, within 1280 px', async () => {
    page = await consolePage(browser, {
      locale: 'ar',
      viewport: { width: 1280, height: 900 },
      errors: pageErrors,
    });
    const p = page;
    await logInConsole(p, t.url, people.qa);
    const id = await openEvaluationOf(p, conversations.ar.id);
    expect(await p.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await p.locator('header.top nav a[href="/quality"]').textContent()).toBe('الجودة');
    expect(await p.locator('.quality-criterion legend').first().textContent()).toBe('حل المشكلة');
    expect(await criterion(p, 'courtesy').locator('.quality-definition').textContent()).toContain(
      'العبارات اللطيفة',
    );
    for (const key of ['problem_solved', 'courtesy', 'empathy', 'personal_touch', 'competence'])
      await mark(p, key, 5);
    await expect.poll(() => score(p)).toBe('100');
    await p.locator(`.quality-transcript li[data-id="${conversations.ar.replies[1]}"] .quality-pin`).click();
    const error = p.locator('.quality-error');
    await error.locator('select[name=grade]').selectOption('d_minor');
    expect(await error.locator('.quality-definition').textContent()).toBe(
      'أي خطأ يرتكب من قبل الموظف بطريقة توصيل المعلومة.',
    );
    await error.locator('textarea[name=note]').fill('لم يؤكد مع الزبون أن الخدمة عادت');
    await expect.poll(() => score(p)).toBe('97');
    // Right to left: the transcript is the right-hand column, the form the left; nothing spills sideways.
    const layout = await p.evaluate(() => {
      const box = (s: string) => document.querySelector(s)!.getBoundingClientRect();
      const form = document.querySelector('.quality-form') as HTMLElement;
      return {
        page: document.documentElement.scrollWidth,
        transcriptRight: box('.quality-transcript-pane').right,
        formRight: box('.quality-form').right,
        formSpill: form.scrollWidth - form.clientWidth,
        outside: [
          ...document.querySelectorAll('.quality-criterion, .quality-error, .quality-transcript li'),
        ].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.left < -1 || r.right > 1281;
        }).length,
      };
    });
    expect(layout.page).toBe(1280);
    expect(layout.transcriptRight).toBeGreaterThan(layout.formRight);
    expect(layout.formSpill).toBe(0);
    expect(layout.outside).toBe(0);
    await shot(p, 'ar-form');
    await p.locator('.quality-submit').click();
    await expect.poll(() => p.locator('.quality-notice').textContent()).toBe('أُرسل: تم إبلاغ الموظف.');
    const stored = (await admin.get(`/evaluations/${id}`)).body.data;
    expect(stored.score).toBe(97);
    expect(stored.errors.map((x: { grade: string }) => x.grade)).toEqual(['d_minor']);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await shot(p, 'ar-submitted');

    // The agent's console, still open, is told: the alert leads to it, and they acknowledge it.
    const ag = agentPage!;
    page = ag;
    await ag.locator('header .alerts button').click();
    const alert = ag.locator('.alerts-list li[data-type="evaluation.submitted"] a');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      `Your evaluation of conversation #${conversations.ar.id} is ready`,
    );
    await alert.click();
    await ag.waitForURL(`${t.url}/quality/e/${id}`);
    await ag.locator('.quality-acknowledge').click();
    await expect.poll(() => ag.locator('.quality-notice').textContent()).toBe('Acknowledged.');
    expect(await ag.locator('.quality-evaluation').getAttribute('data-status')).toBe('acknowledged');
    expect((await admin.get(`/evaluations/${id}`)).body.data.status).toBe('acknowledged');
  });
});
