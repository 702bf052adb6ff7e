// The checklist in brief (conversations.steps_done / steps_not_applicable, migration 0022) follows every
// change of a conversation's steps, whichever code makes it: the compliance and satisfaction reports and
// the step_missed drill-down read it instead of conversation_steps.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '#server/db/client.ts';
import { contacts, conversationSteps, conversations, inboxes } from '#server/db/schema.ts';
import { setStep } from '#server/protocol/step-state.ts';
import { notApplicableReasons } from '#server/reports/definitions.ts';
import { type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';

let t: TestHub;
let a: SeededAccount;
let conversation: { id: number; accountId: number };

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'Steps brief');
  const db = t.hub.ctx.db;
  const [inbox] = await db
    .insert(inboxes)
    .values({
      accountId: a.accountId,
      name: 'chat',
      channel: 'webchat',
      configEncrypted: 'x',
      token: 'brief',
    })
    .returning();
  const [contact] = await db.insert(contacts).values({ accountId: a.accountId, name: 'Cliente' }).returning();
  [conversation] = await db
    .insert(conversations)
    .values({ accountId: a.accountId, inboxId: inbox.id, contactId: contact.id, threadKey: 'brief' })
    .returning();
}, 60_000);
afterAll(async () => {
  await t?.destroy();
});

const brief = async () => {
  const [c] = await t.hub.ctx.db
    .select({ done: conversations.stepsDone, na: conversations.stepsNotApplicable })
    .from(conversations)
    .where(eq(conversations.id, conversation.id));
  return { done: [...c.done].sort(), na: [...c.na].sort() };
};

describe('the checklist in brief', () => {
  it('starts empty and leaves pending steps out', async () => {
    await setStep(t.hub.ctx.db, conversation, 'greeting', 'pending', { by: null });
    expect(await brief()).toEqual({ done: [], na: [] });
  });

  it('lists a step once it is done, and once only however often it is done again', async () => {
    await setStep(t.hub.ctx.db, conversation, 'greeting', 'done', { by: { type: 'system', id: null } });
    await setStep(t.hub.ctx.db, conversation, 'greeting', 'done', { by: { type: 'system', id: null } });
    await setStep(t.hub.ctx.db, conversation, 'farewell', 'done', { by: { type: 'user', id: a.admin.id } });
    expect(await brief()).toEqual({ done: ['farewell', 'greeting'], na: [] });
  });

  it('keeps a step the hub skipped because it must not run there apart, and an agent’s skip out of both', async () => {
    await setStep(t.hub.ctx.db, conversation, 'survey', 'skipped', {
      by: { type: 'system', id: null },
      data: { reason: 'turned_off' },
    });
    await setStep(t.hub.ctx.db, conversation, 'clear_direct', 'skipped', {
      by: { type: 'user', id: a.admin.id },
      data: { reason: 'agent' },
    });
    expect(await brief()).toEqual({ done: ['farewell', 'greeting'], na: ['survey'] });
  });

  it('moves a step when its status changes, and drops it when it is pending again', async () => {
    // Turned back on and done after all: done, no longer "not applicable".
    await setStep(t.hub.ctx.db, conversation, 'survey', 'done', { by: { type: 'system', id: null } });
    expect(await brief()).toEqual({ done: ['farewell', 'greeting', 'survey'], na: [] });
    // An agent reopened the greeting.
    await setStep(t.hub.ctx.db, conversation, 'greeting', 'pending', { by: null });
    expect(await brief()).toEqual({ done: ['farewell', 'survey'], na: [] });
  });

  it('follows a row written without the protocol engine too', async () => {
    await t.hub.ctx.db
      .update(conversationSteps)
      .set({ status: 'skipped', data: { reason: 'public_item' } })
      .where(eq(conversationSteps.stepKey, 'farewell'));
    expect(await brief()).toEqual({ done: ['survey'], na: ['farewell'] });
  });

  it('names in the trigger the same "must not run there" reasons as the reports’ definitions', async () => {
    const r = await t.hub.ctx.db.execute(
      sql`select pg_get_functiondef('conversation_steps_brief'::regproc) as body`,
    );
    const body = String(rowsOf<{ body: string }>(r)[0].body);
    const lists = [...body.matchAll(/IN \(([^)]*)\)/g)].map((m) =>
      [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]).sort(),
    );
    expect(lists.length).toBe(2); // the new row's status and the old one's
    for (const l of lists) expect(l).toEqual([...notApplicableReasons].sort());
  });
});
