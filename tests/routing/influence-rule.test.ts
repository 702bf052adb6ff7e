// The routing condition `influenceTier`: a social item whose author and exposure put it at or above a
// tier goes to the social team first, scored under the account's own thresholds (which marketing sets over
// REST); an item without metrics never matches. Messages arrive through the hub's ingest with the metrics
// an adapter puts in `meta.social` (shared/influence.schema.ts).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { influenceOf } from '#server/social/influence-of.ts';
import type { SocialMetrics } from '#shared/influence.schema.ts';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '../helpers/hub.ts';
import { inboxForTeam, makeTeam } from '../helpers/routing.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.destroy();
});

const measuredAt = new Date(Date.UTC(2026, 11, 7, 9)).toISOString();
const journalist: SocialMetrics = {
  visibility: 'public',
  author: { followers: 250_000, verified: true, listed: 3000, handle: 'journalist' },
  item: { likes: 40, replies: 12, reposts: 8, measuredAt },
};
const nobody: SocialMetrics = {
  visibility: 'public',
  author: { followers: 12, verified: false },
  item: { likes: 0, replies: 0, reposts: 0, measuredAt },
};

let seq = 0;
/** A customer's first item on a new thread, as a social adapter hands it to the hub. */
async function post(inbox: { id: string }, social: SocialMetrics | null, author = `author-${++seq}`) {
  const running = await t.hub.ctx.channels.ensure(Number(inbox.id));
  const r = await t.hub.ingestor.ingest(running!.inbox, {
    channel: running!.inbox.channel,
    inboxId: running!.inbox.id,
    externalId: `item-${++seq}`,
    threadKey: `post-1:${author}`,
    sender: { externalId: author },
    text: 'your service has been down all day',
    // The adapter's own keys sit beside the metrics.
    meta: { social: { postId: 'post-1', ...(social ?? {}) } },
  });
  return r.conversation;
}

async function setup(account: SeededAccount) {
  const admin = client(t.url, account.adminToken);
  const care = await makeTeam(t, account, { name: 'Care', strategy: 'manual', memberIds: [] });
  const social = await makeTeam(t, account, { name: 'Social', strategy: 'manual', memberIds: [] });
  const inbox = await inboxForTeam(t, account, care);
  const rule = await admin.post('/routing/rules', {
    name: 'Influential first',
    conditions: { influenceTier: { atLeast: 'high' } },
    actions: { teamId: social, priority: 'urgent' },
  });
  expect(rule.status).toBe(201);
  expect(rule.body.data.conditions).toEqual({ influenceTier: { atLeast: 'high' } });
  const unknownTier = await admin.post('/routing/rules', {
    name: 'Viral',
    conditions: { influenceTier: { atLeast: 'viral' } },
    actions: { priority: 'urgent' },
  });
  expect({ status: unknownTier.status, code: unknownTier.body.error.code }).toEqual({
    status: 400,
    code: 'validation_failed',
  });
  return { admin, care, social, inbox, ruleId: rule.body.data.id as string };
}

describe('routing condition influenceTier', () => {
  it('sends a high-tier item to the social team and leaves small or unmeasured ones with the inbox team', async () => {
    const account = await seedAccount(t);
    const { admin, care, social, inbox, ruleId } = await setup(account);

    const loud = await post(inbox, journalist);
    const small = await post(inbox, nobody);
    const unmeasured = await post(inbox, null);
    expect(loud).toMatchObject({ teamId: Number(social), priority: 'urgent' });
    expect(small).toMatchObject({ teamId: Number(care), priority: 'normal' });
    expect(unmeasured).toMatchObject({ teamId: Number(care), priority: 'normal' });
    const events = (await admin.get(`/conversations/${loud.id}/events`)).body.data;
    expect(events.find((e: { type: string }) => e.type === 'routing.rule_matched')?.data.ruleId).toBe(ruleId);

    // A DM has no exposure: it is tiered by its author's reach alone — a verified account of millions is
    // high, an ordinary customer is not.
    const celebrityDm = await post(inbox, {
      visibility: 'private',
      author: { followers: 3_000_000, verified: true, listed: 20_000 },
    });
    const ordinaryDm = await post(inbox, {
      visibility: 'private',
      author: { followers: 300, verified: false },
    });
    expect(celebrityDm.teamId).toBe(Number(social));
    expect(ordinaryDm.teamId).toBe(Number(care));
  });

  it("follows the account's thresholds, which marketing changes and agents only read", async () => {
    const account = await seedAccount(t);
    const { care, social, inbox } = await setup(account);
    const marketing = client(t.url, (await account.user('marketing', 'Marketing')).token);
    const agent = client(t.url, (await account.user('agent', 'Agent')).token);

    const doc = await (await fetch(`${t.url}/api/v1/openapi.json`)).json();
    expect(Object.keys(doc.paths['/api/v1/influence/settings'])).toEqual(['get', 'patch']);
    const read = await agent.get('/influence/settings');
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({
      thresholds: { medium: 20, high: 40, critical: 65 },
      weights: { reach: 35, verified: 10, listed: 5, engagement: 30, velocity: 20 },
      customWeights: false,
    });
    const denied = await agent.patch('/influence/settings', {
      thresholds: { medium: 1, high: 2, critical: 3 },
    });
    expect({ status: denied.status, code: denied.body.error.code }).toEqual({
      status: 403,
      code: 'forbidden',
    });
    const reversed = await marketing.patch('/influence/settings', {
      thresholds: { medium: 60, high: 40, critical: 90 },
    });
    expect({ status: reversed.status, code: reversed.body.error.code }).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    const badWeights = await marketing.patch('/influence/settings', {
      weights: { reach: 90, verified: 10, listed: 5, engagement: 30, velocity: 15 },
    });
    expect(badWeights.status).toBe(400);

    // Raised so that a 250k journalist with a fresh post is no longer "high": it stays with care.
    const raised = await marketing.patch('/influence/settings', {
      thresholds: { medium: 40, high: 80, critical: 95 },
    });
    expect(raised.status).toBe(200);
    expect((await post(inbox, journalist)).teamId).toBe(Number(care));
    // All the weight on reach: the same author scores 88, high again under these thresholds.
    const reachOnly = await marketing.patch('/influence/settings', {
      weights: { reach: 100, verified: 0, listed: 0, engagement: 0, velocity: 0 },
    });
    expect(reachOnly.body.data).toMatchObject({ customWeights: true, thresholds: { high: 80 } });
    expect((await post(inbox, journalist)).teamId).toBe(Number(social));
    // Back to the default weights; the thresholds stay as set.
    const reset = await marketing.patch('/influence/settings', { weights: null });
    expect(reset.body.data).toMatchObject({
      customWeights: false,
      weights: { reach: 35 },
      thresholds: { high: 80 },
    });
    expect(
      (await client(t.url, account.adminToken).get('/influence/settings')).body.data.thresholds.high,
    ).toBe(80);
  });

  it("reads a conversation's influence from its latest measured item, with the parts", async () => {
    const account = await seedAccount(t);
    const { inbox } = await setup(account);
    const c = await post(inbox, nobody, 'complainer');
    const db = t.hub.ctx.db;
    const first = await influenceOf(db, c);
    expect(first?.tier).toBe('low');
    expect(first?.parts[0]).toMatchObject({ key: 'reach', reason: '12 followers' });
    // The same author's next comment in the thread, now measured after it spread: the latest one counts.
    const later = new Date(Date.parse(measuredAt) + 3_600_000).toISOString();
    const spread: SocialMetrics = {
      ...nobody,
      previous: nobody.item,
      item: { likes: 2000, replies: 150, reposts: 5000, measuredAt: later },
    };
    expect((await post(inbox, spread, 'complainer')).id).toBe(c.id);
    // A reply in the thread the adapter could not measure does not hide what was measured.
    expect((await post(inbox, null, 'complainer')).id).toBe(c.id);
    const now = await influenceOf(db, c);
    expect(now?.tier).toBe('high');
    expect(now?.parts.find((p) => p.key === 'velocity')?.reason).toBe('+5k reposts, +2k likes in 1 h');
    // A message whose metrics do not parse is not guessed at.
    const broken = await post(inbox, null);
    const garbled = JSON.stringify({ social: { author: { followers: 'lots', verified: true } } });
    await db.execute(sql`update messages set meta = ${garbled}::jsonb where conversation_id = ${broken.id}`);
    expect(await influenceOf(db, broken)).toBeNull();
  });
});
