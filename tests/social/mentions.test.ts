// Marketing's Mentions desk through the whole hub: X mentions polled from the loopback X API become ranked
// items with their influence parts; their status follows the conversation (taken, answered), marketing's
// own steps (escalate, handle) and moderation through the channel (hide, with a failure shown); the
// marketing user reads social conversations only and hears new items and alerts live.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XConnection } from '#channels/twitter/index.ts';
import type { MentionAlert, MentionJson } from '#shared/mentions.schema.ts';
import { dmEvent, post, problems, user } from '#tests/channels/twitter/payloads.ts';
import { configFor, KEYS } from '#tests/channels/twitter/setup.ts';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
import {
  client,
  eventually,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { startXApi, type XApi } from '#tests/helpers/x-api.ts';

let t: TestHub;
let x: XApi;
let acme: SeededAccount;
let marketing: { token: string };
let agent: { token: string };
let inboxId: string;
const admin = () => client(t.url, acme.adminToken);
const desk = () => client(t.url, marketing.token);
const connection = () => t.hub.ctx.channels.get(Number(inboxId))?.connection as XConnection;

const star = user('700001', 'famosa', 2_400_000, true);
const ana = user('700002', 'ana_perez', 48_200, true);
const carla = user('700003', 'carla', 310);
const fromStar = post(star, '@acme tres días sin servicio, qué vergüenza', { likes: 5200, views: 900_000 });
const fromAna = post(ana, '@acme no tengo internet desde ayer');
const fromCarla = post(carla, '@acme ¿a qué hora abren?', { likes: 0, views: 40 });

let socket: Socket;
const heard: { event: string; payload: unknown }[] = [];

beforeAll(async () => {
  [t, x] = await Promise.all([startTestHub(), startXApi(KEYS)]);
  acme = await seedAccount(t);
  marketing = await acme.user('marketing', 'Marta');
  agent = await acme.user('agent', 'Ana Agent');
  const res = await admin().post('/inboxes', {
    name: 'X @acme',
    channel: 'twitter',
    config: configFor(x),
  });
  expect(res.status).toBe(201);
  inboxId = res.body.data.id;
  socket = connect(`${t.url}/agent`, {
    auth: { token: marketing.token },
    transports: ['websocket'],
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  for (const event of ['mention:new', 'mention:updated', 'mention:alert', 'message:new'] as const) {
    socket.on(event, (payload: unknown) => heard.push({ event, payload }));
  }
  // The star posted first and Carla last: newest-first and most-influential-first differ.
  x.mention(fromCarla, carla);
  x.mention(fromAna, ana);
  x.mention(fromStar, star);
  await connection().pollNow();
});
afterAll(async () => {
  socket?.close();
  await t?.destroy();
  await x?.close();
});

const byPost = async (postId: string): Promise<MentionJson> => {
  const all: MentionJson[] = (await desk().get('/mentions?include=all&limit=100')).body.data;
  const found = all.find((m) => m.post.id === postId || m.url?.endsWith(`/${postId}`));
  if (!found) throw new Error(`no mention of post ${postId}`);
  return found;
};

describe('Mentions desk', () => {
  it('lists every public mention newest first or most influential first, with the parts of each score', async () => {
    const newest = await desk().get('/mentions');
    expect(newest.status).toBe(200);
    expect(newest.body.data.map((m: MentionJson) => m.author.handle)).toEqual([
      'carla',
      'ana_perez',
      'famosa',
    ]);
    const ranked = await desk().get('/mentions?sort=influence');
    const handles = ranked.body.data.map((m: MentionJson) => m.author.handle);
    expect(handles).toEqual(['famosa', 'ana_perez', 'carla']);
    const scores = ranked.body.data.map((m: MentionJson) => m.influence?.score ?? -1);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[1]).toBeGreaterThan(scores[2]);
    const top: MentionJson = ranked.body.data[0];
    expect(top.influence?.tier).toBe('critical');
    expect(top.influence?.parts.map((p) => p.key)).toEqual([
      'reach',
      'verified',
      'listed',
      'engagement',
      'velocity',
    ]);
    const sum = top.influence!.parts.reduce((s, p) => s + p.points, 0);
    expect(Math.abs(sum - top.influence!.score)).toBeLessThanOrEqual(1);
    expect(top.author).toMatchObject({ name: 'famosa', followers: 2_400_000, verified: true });
    expect(top.exposure).toMatchObject({ likes: 5200, views: 900_000 });
    expect(top.status).toBe('new');
    // Paging the ranking: two pages of two and one, nothing repeated.
    const p1 = await desk().get('/mentions?sort=influence&limit=2');
    const p2 = await desk().get(`/mentions?sort=influence&limit=2&cursor=${p1.body.nextCursor}`);
    expect([...p1.body.data, ...p2.body.data].map((m: MentionJson) => m.author.handle)).toEqual(handles);
    expect(p2.body.nextCursor).toBeNull();
    expect((await desk().get('/mentions?sort=influence&cursor=zz')).status).toBe(400);
    expect((await desk().get('/mentions?tier=critical')).body.data).toHaveLength(1);
  });

  it('tells marketing live of each new mention and alerts on a high-tier one', async () => {
    const news = await eventually(async () => {
      const n = heard.filter((h) => h.event === 'mention:new');
      return n.length >= 3 ? n : undefined;
    });
    expect(news.map((h) => (h.payload as { mention: MentionJson }).mention.author.handle).sort()).toEqual([
      'ana_perez',
      'carla',
      'famosa',
    ]);
    const alert = await eventually(async () => heard.find((h) => h.event === 'mention:alert'));
    expect((alert.payload as MentionAlert).type).toBe('mention.high');
    expect((alert.payload as MentionAlert).mention.author.handle).toBe('famosa');
    // Carla's quiet question raised no alert.
    const alerted = heard.filter((h) => h.event === 'mention:alert');
    expect(alerted.map((h) => (h.payload as MentionAlert).mention.author.handle)).not.toContain('carla');
  });

  it('counts mentions per day by tier for the chart', async () => {
    const res = await desk().get('/mentions/stats?days=7');
    expect(res.status).toBe(200);
    expect(res.body.data.days).toHaveLength(7);
    const today = res.body.data.days.at(-1);
    expect(today.day).toBe(new Date().toISOString().slice(0, 10));
    expect(today.critical + today.high + today.medium + today.low + today.unscored).toBe(3);
    expect(today.critical).toBe(1);
  });

  it('follows the conversation: taken by an agent is in care, answered is answered', async () => {
    const m = await byPost(fromAna.id);
    const assign = await admin().post(`/conversations/${m.conversationId}/assign`, {
      assigneeId: String(acme.admin.id),
    });
    expect(assign.status).toBe(200);
    expect((await byPost(fromAna.id)).status).toBe('in_care');
    const reply = await admin().post(`/conversations/${m.conversationId}/messages`, {
      text: '@ana_perez ya lo revisamos',
    });
    expect(reply.status).toBe(201);
    expect((await byPost(fromAna.id)).status).toBe('answered');
    // Sent before the next spec takes X's writes over.
    await eventually(async () =>
      x.writes().find((w) => w.path === '/2/tweets' && w.json?.text === '@ana_perez ya lo revisamos'),
    );
    const updated = await eventually(async () =>
      heard.find(
        (h) =>
          h.event === 'mention:updated' &&
          (h.payload as { mention: MentionJson }).mention.id === m.id &&
          (h.payload as { mention: MentionJson }).mention.status === 'answered',
      ),
    );
    expect(updated).toBeDefined();
  });

  it('escalates to a care team with a note that the agents read in the conversation', async () => {
    const team = await admin().post('/teams', { name: 'Social care', strategy: 'manual', memberIds: [] });
    expect(team.status).toBe(201);
    const m = await byPost(fromStar.id);
    const res = await desk().post(`/mentions/${m.id}/escalate`, {
      note: 'Influencer with 2.4M followers, answer within the hour',
      teamId: team.body.data.id,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('in_care');
    expect(res.body.data.escalation.note).toBe('Influencer with 2.4M followers, answer within the hour');
    const conversation = (await admin().get(`/conversations/${m.conversationId}`)).body.data;
    expect(conversation.teamId).toBe(team.body.data.id);
    expect(['high', 'urgent']).toContain(conversation.priority);
    const messages = (await admin().get(`/conversations/${m.conversationId}/messages`)).body.data;
    const note = messages.find(
      (n: { private: boolean; text: string }) => n.private && n.text.includes('2.4M'),
    );
    expect(note).toBeDefined();
    expect((await desk().post(`/mentions/${m.id}/escalate`, { note: '' })).status).toBe(400);
    expect((await desk().post(`/mentions/${m.id}/escalate`, { note: 'x', teamId: 999999 })).status).toBe(400);
  });

  it('hides an item on the network through a queued job, and shows why a refused action failed', async () => {
    const m = await byPost(fromCarla.id);
    const res = await desk().post(`/mentions/${m.id}/actions`, { action: 'hide' });
    expect(res.status).toBe(202);
    expect(res.body.data.pendingAction).toBe('hide');
    const hidden = await eventually(async () => {
      const now = await byPost(fromCarla.id);
      return now.hidden && now.pendingAction === null ? now : undefined;
    });
    expect(hidden.actionError).toBeNull();
    // Each state is numbered, so a client that hears the 202 after the outcome keeps the outcome.
    expect(hidden.version).toBeGreaterThan(res.body.data.version);
    expect(x.writes().find((w) => w.path === `/2/tweets/${fromCarla.id}/hidden`)?.json).toEqual({
      hidden: true,
    });
    // Hidden items leave the default list; the conversation shows the message hidden too.
    expect((await desk().get('/mentions')).body.data.map((i: MentionJson) => i.id)).not.toContain(m.id);
    const messages = (await admin().get(`/conversations/${m.conversationId}/messages`)).body.data;
    expect(messages.find((n: { direction: string }) => n.direction === 'in').social.hidden).toBe(true);

    // X refuses (the post is not a reply to ours): the reason reaches the item, nothing stays pending.
    x.failNextWrite(problems.notYourPost);
    expect((await desk().post(`/mentions/${m.id}/actions`, { action: 'unhide' })).status).toBe(202);
    const failed = await eventually(async () => {
      const now = await byPost(fromCarla.id);
      return now.actionError ? now : undefined;
    });
    expect(failed.pendingAction).toBeNull();
    expect(failed.hidden).toBe(true);
    expect(failed.actionError).toMatch(/\S/);
  });

  it('closes an item as handled, which stops its measurement', async () => {
    const m = await byPost(fromCarla.id);
    const res = await desk().post(`/mentions/${m.id}/handled`);
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('handled');
    expect(
      (await desk().get('/mentions?status=handled&include=all')).body.data.map((i: MentionJson) => i.id),
    ).toEqual([m.id]);
  });

  it('lets marketing read social conversations only, never write in them, and keeps the desk from agents', async () => {
    const api = await acme.apiInbox();
    expect(
      (
        await incoming(t.url, api, {
          externalId: 'desk-api-1',
          contact: { externalId: 'c-1', name: 'Pedro' },
          text: 'hola',
        })
      ).status,
    ).toBe(201);
    const seen = (await desk().get('/conversations?limit=100')).body.data as {
      inboxId: string;
      id: string;
    }[];
    expect(seen.length).toBe(3);
    expect(new Set(seen.map((c) => c.inboxId))).toEqual(new Set([inboxId]));
    const all = (await admin().get('/conversations?limit=100')).body.data as {
      inboxId: string;
      id: string;
    }[];
    const apiConversation = all.find((c) => c.inboxId === api.id)!;
    expect((await desk().get(`/conversations/${apiConversation.id}`)).status).toBe(404);
    const social = seen[0];
    expect((await desk().get(`/conversations/${social.id}/messages`)).status).toBe(200);
    expect((await desk().post(`/conversations/${social.id}/messages`, { text: 'hola' })).status).toBe(403);
    // Unless an admin lets marketing answer too.
    expect((await desk().patch('/social/settings', { marketingMayReply: true })).status).toBe(403);
    expect((await admin().patch('/social/settings', { marketingMayReply: true })).status).toBe(200);
    expect((await desk().get('/social/settings')).body.data).toEqual({ marketingMayReply: true });
    expect(
      (await desk().post(`/conversations/${social.id}/messages`, { text: 'Marketing answers' })).status,
    ).toBe(201);
    expect(
      (await desk().post(`/conversations/${social.id}/messages`, { text: 'n', private: true })).status,
    ).toBe(403);
    expect((await desk().post(`/conversations/${apiConversation.id}/messages`, { text: 'no' })).status).toBe(
      404,
    );
    expect((await admin().patch('/social/settings', { marketingMayReply: false })).status).toBe(200);
    // Live, marketing hears the social conversations' messages, and nothing of the others.
    const said = () =>
      heard
        .filter((h) => h.event === 'message:new')
        .map((h) => (h.payload as { message: { text: string } }).message.text);
    await eventually(async () => said().includes('Marketing answers'));
    expect(said()).toContain('@acme no tengo internet desde ayer');
    expect(said()).not.toContain('hola');
    expect((await client(t.url, agent.token).get('/mentions')).status).toBe(403);
    expect((await desk().get('/mentions/999999')).status).toBe(404);
    expect((await desk().post('/mentions/1/actions', { action: 'explode' })).status).toBe(400);
  });

  it('asks for a rating by DM, never under a public post', async () => {
    const mention = await byPost(fromAna.id);
    expect(
      (await admin().post(`/conversations/${mention.conversationId}/status`, { status: 'resolved' })).status,
    ).toBe(200);
    const survey = await eventually(async () => {
      const steps = (await admin().get(`/conversations/${mention.conversationId}/protocol`)).body.data.steps;
      const step = steps.find((st: { key: string }) => st.key === 'survey');
      return step?.status === 'skipped' ? step : undefined;
    });
    expect(survey.data.reason).toBe('public_item');

    const dm = dmEvent(carla, 'hola, ¿me cambian el plan?');
    x.dm(dm, carla);
    await connection().pollNow();
    const conversations = (await admin().get(`/conversations?inboxId=${inboxId}&limit=100`)).body.data as {
      id: string;
    }[];
    let dmConversation: string | undefined;
    for (const c of conversations) {
      const msgs = (await admin().get(`/conversations/${c.id}/messages`)).body.data as {
        externalId: string;
      }[];
      if (msgs.some((m) => m.externalId === `dm:${dm.id}`)) dmConversation = c.id;
    }
    expect(dmConversation).toBeDefined();
    expect(
      (await admin().post(`/conversations/${dmConversation}/status`, { status: 'resolved' })).status,
    ).toBe(200);
    const asked = await eventually(async () =>
      x.writes().find((w) => String(w.json?.text ?? '').includes('Reply with a number from 1')),
    );
    expect(asked.path).toBe(`/2/dm_conversations/${dm.dm_conversation_id}/messages`);
    // Nothing with the rating question went out as a public post.
    expect(
      x
        .writes()
        .filter((w) => w.path === '/2/tweets' && String(w.json?.text ?? '').includes('Reply with a number')),
    ).toEqual([]);
  });

  // Last: it moves the hub's clock to the items' next measurement.
  it('measures open items again on schedule: one that goes viral climbs a tier, is re-routed and alerts', async () => {
    const socialTeam = (
      await admin().post('/teams', { name: 'Social escalations', strategy: 'manual', memberIds: [] })
    ).body.data.id as string;
    const rule = await admin().post('/routing/rules', {
      name: 'Influential to the social team',
      conditions: { influenceTier: { atLeast: 'high' } },
      actions: { teamId: socialTeam },
    });
    expect(rule.status).toBe(201);
    const pedro = user('700004', 'pedro_q', 120);
    const quiet = post(pedro, '@acme me cobraron dos veces la factura', { likes: 0, views: 50 });
    x.mention(quiet, pedro);
    await connection().pollNow();
    const first = await byPost(quiet.id);
    expect(first.influence?.tier).toBe('low');
    const before = (await admin().get(`/conversations/${first.conversationId}`)).body.data;
    expect(before.teamId).not.toBe(socialTeam);

    // Within minutes the post is everywhere.
    Object.assign(quiet.public_metrics, {
      like_count: 40_000,
      retweet_count: 12_000,
      reply_count: 3_000,
      impression_count: 5_000_000,
    });
    const lookups = x.reads('/2/tweets').length;
    await advanceClock(t, 5 * 60_000 + 1000);
    await settleQueue(t);
    const climbed = await byPost(quiet.id);
    expect(x.reads('/2/tweets').length).toBeGreaterThan(lookups);
    expect(climbed.exposure).toMatchObject({
      likes: 40_000,
      reposts: 12_000,
      replies: 3_000,
      views: 5_000_000,
    });
    expect(climbed.influence?.tier).toBe('high');
    expect(climbed.influence!.parts.find((p) => p.key === 'velocity')!.points).toBeGreaterThan(0);
    expect(climbed.tierRaisedAt).not.toBeNull();
    expect(climbed.refreshedAt).not.toBeNull();
    const after = (await admin().get(`/conversations/${first.conversationId}`)).body.data;
    expect(after.teamId).toBe(socialTeam);
    expect(after.priority).toBe('high');
    const alert = await eventually(async () =>
      heard.find(
        (h) =>
          h.event === 'mention:alert' &&
          (h.payload as MentionAlert).type === 'mention.climbed' &&
          (h.payload as MentionAlert).mention.id === first.id,
      ),
    );
    expect((alert.payload as MentionAlert).from).toBe('low');
    // The handled item was not measured again.
    const handled = await byPost(fromCarla.id);
    expect(handled.refreshedAt).toBeNull();
  });

  it('ranks the desk again on the new scale when marketing changes the thresholds', async () => {
    const before = (await desk().get('/mentions?tier=critical&include=all')).body.data as MentionJson[];
    expect(before.map((m) => m.author.handle)).toEqual(['famosa']);
    const res = await desk().patch('/influence/settings', {
      thresholds: { medium: 5, high: 10, critical: 20 },
    });
    expect(res.status).toBe(200);
    const after = (await desk().get('/mentions?tier=critical&include=all')).body.data as MentionJson[];
    expect(after.map((m) => m.author.handle).sort()).toEqual(['ana_perez', 'famosa', 'pedro_q']);
    expect(after.every((m) => m.influence?.tier === 'critical')).toBe(true);
  });
});
