// What the Facebook adapter tells the Mentions desk, against the loopback Graph API: every public item
// (comment, visitor's post, mention of the Page elsewhere) carries `meta.social` as the influence score
// reads it, measured by Graph when it arrives and never held back when Graph cannot say; a Page that
// mentions ours has its followers read; Messenger edits and reactions change stored messages; the hub's
// re-measurement reads many items in one request, leaving out the deleted; and a like is the Page's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FacebookConfig, GRAPH_API_VERSION } from '#channels/facebook/config.ts';
import { facebookChannel } from '#channels/facebook/index.ts';
import { LOOKUP_TIMEOUT_MS } from '#channels/facebook/social-meta.ts';
import type { ChannelContext, WebhookRequest } from '#channels/types.ts';
import { type SocialMetrics, socialMetricsSchema } from '#shared/influence.schema.ts';
import { type GraphApi, startGraphApi } from '#tests/helpers/graph-api.ts';
import { contractContext } from '../contract.ts';
import * as fb from './payloads.ts';

const TOKEN = 'EAAG-social-page-token';
const APP_SECRET = 'fb-social-app-secret';

let graph: GraphApi;
beforeAll(async () => {
  graph = await startGraphApi({ accessToken: TOKEN, pageId: fb.PAGE_ID });
});
afterAll(() => graph.close());

const connect = () => {
  const made = contractContext(
    'facebook',
    {
      pageId: fb.PAGE_ID,
      pageAccessToken: TOKEN,
      appSecret: APP_SECRET,
      verifyToken: 'v',
      graphBaseUrl: graph.url,
    },
    null,
  );
  return { conn: facebookChannel.create(made.ctx), ...made };
};

const handle = (ctx: ChannelContext<FacebookConfig>, payload: unknown) => {
  const raw = JSON.stringify(payload);
  const req: WebhookRequest = {
    headers: { 'x-hub-signature-256': fb.signature(APP_SECRET, raw) },
    query: {},
    rawBody: Buffer.from(raw),
    body: JSON.parse(raw),
  };
  return facebookChannel.webhook!.handle(req, ctx);
};

/** What the hub's influence score reads from a message (server/social/influence-of.ts). */
const metricsOf = (m: { meta?: Record<string, unknown> }): SocialMetrics =>
  socialMetricsSchema.parse(m.meta?.social);

const ana = { id: '4410977', name: 'Ana Rojas' };
const signal = () => AbortSignal.timeout(10_000);

describe('public items arriving', () => {
  it('carries a comment’s likes and replies, its own permalink, and a reach Facebook does not give', async () => {
    const { ctx, recorded } = connect();
    const post = fb.postId();
    const c = fb.comment(ana, post, 'Tres días sin internet');
    const permalink = fb.commentPermalink(post, c.id);
    graph.page.objects.set(c.id, {
      type: 'comment',
      likes: 37,
      replies: 4,
      permalink_url: permalink,
      created_time: fb.graphTime(),
    });
    await handle(ctx, c.payload);
    const [m] = recorded.received;
    expect(m.meta?.social).toMatchObject({
      network: 'facebook',
      visibility: 'public',
      kind: 'comment',
      postId: post,
      parentId: post,
      url: permalink,
      author: { followers: null, verified: false, handle: null, page: false },
      item: { likes: 37, replies: 4, reposts: 0 },
    });
    expect(metricsOf(m).item?.measuredAt).toEqual(expect.any(String));
    const lookup = graph.requests.find((r) => r.path === `/${GRAPH_API_VERSION}/${c.id}`)!;
    expect(lookup.method).toBe('GET');
    expect(lookup.query.get('fields')).toBe('like_count,comment_count,permalink_url,created_time');
  });

  it('measures a visitor’s post by its reactions, comments and shares', async () => {
    const { ctx, recorded } = connect();
    const p = fb.visitorPost({ id: '7781002', name: 'Carla Vaca' }, '¿Instalan el domingo?');
    const permalink = `https://www.facebook.com/${p.id.replace('_', '/posts/')}`;
    graph.page.objects.set(p.id, {
      type: 'post',
      reactions: 210,
      comments: 18,
      shares: 9,
      permalink_url: permalink,
      created_time: fb.graphTime(),
    });
    await handle(ctx, p.payload);
    expect(metricsOf(recorded.received[0])).toMatchObject({
      visibility: 'public',
      item: { likes: 210, replies: 18, reposts: 9 },
    });
    expect(recorded.received[0].meta?.social).toMatchObject({ kind: 'post', url: permalink });
  });

  it('stores a comment unmeasured when Graph fails the lookup, and does not wait on a Graph that hangs', async () => {
    const { ctx, recorded } = connect();
    const post = fb.postId();
    const failing = fb.comment(ana, post, 'Graph falla');
    graph.page.unreadable.set(failing.id, {
      status: 500,
      error: { message: 'An unknown error has occurred.', type: 'OAuthException', code: 1 },
    });
    await handle(ctx, failing.payload);
    const hanging = fb.comment(ana, post, 'Graph no contesta');
    graph.page.stalled.add(hanging.id);
    const started = Date.now();
    await handle(ctx, hanging.payload);
    expect(Date.now() - started).toBeLessThan(LOOKUP_TIMEOUT_MS + 2000);

    expect(recorded.received.map((m) => m.externalId)).toEqual([failing.id, hanging.id]);
    for (const m of recorded.received) {
      const social = m.meta?.social as Record<string, unknown>;
      expect(social).not.toHaveProperty('item');
      // Still a public item the hub ranks (by what it knows) and measures later; the post's link meanwhile.
      expect(metricsOf(m)).toMatchObject({ visibility: 'public', author: { followers: null } });
      expect(social.url).toBe(`https://www.facebook.com/${post.replace('_', '/posts/')}`);
    }
  });

  it('marks a Messenger chat private, with no exposure to measure', async () => {
    const { ctx, recorded } = connect();
    await handle(ctx, fb.text('6024518290911111', 'Hola').payload);
    expect(recorded.received[0].meta?.social).toEqual({
      network: 'facebook',
      visibility: 'private',
      kind: 'message',
    });
  });
});

describe('mentions of the Page elsewhere', () => {
  const other = { id: '100200300400500', name: 'Radio Panamericana' };

  it('stores a Page’s mention in its own thread with that Page’s followers', async () => {
    graph.page.pages.set(other.id, {
      name: other.name,
      username: 'radiopanamericana',
      followers_count: 48_000,
      fan_count: 45_500,
      verification_status: 'blue_verified',
    });
    const post = `${other.id}_${Date.now()}`;
    graph.page.objects.set(post, {
      type: 'post',
      reactions: 320,
      comments: 41,
      shares: 12,
      permalink_url: `https://www.facebook.com/${other.id}/posts/${post.split('_')[1]}`,
      created_time: fb.graphTime(),
    });
    const { conn, ctx, recorded } = connect();
    const m = fb.mention(other, post, 'Acme Telecom sin servicio en Sopocachi, ¿qué pasa @Acme Telecom?');
    await handle(ctx, m.payload);
    const [got] = recorded.received;
    expect(got).toMatchObject({
      externalId: post,
      threadKey: `mention:${post}:${other.id}`,
      sender: { externalId: other.id, name: other.name },
      contentType: 'mention',
      text: 'Acme Telecom sin servicio en Sopocachi, ¿qué pasa @Acme Telecom?',
    });
    expect(got.meta?.social).toMatchObject({
      network: 'facebook',
      visibility: 'public',
      kind: 'mention',
      postId: post,
      url: `https://www.facebook.com/${other.id}/posts/${post.split('_')[1]}`,
    });
    expect(metricsOf(got)).toMatchObject({
      author: { followers: 48_000, verified: true, handle: 'radiopanamericana', page: true },
      item: { likes: 320, replies: 41, reposts: 12 },
    });
    const pageRead = graph.requests.find((r) => r.path === `/${GRAPH_API_VERSION}/${other.id}`)!;
    expect(pageRead.query.get('fields')).toBe('followers_count,fan_count,verification_status,name,username');

    // Re-measured later: the item's counts and the Page's followers, both grown.
    graph.page.pages.get(other.id)!.followers_count = 52_000;
    const grown = graph.page.objects.get(post);
    if (grown?.type === 'post') grown.shares = 95;
    const social = got.meta?.social as Record<string, unknown>;
    expect(await conn.measure!([{ externalId: post, social }], signal())).toEqual([
      {
        externalId: post,
        item: { likes: 320, replies: 41, reposts: 95, measuredAt: expect.any(String) },
        author: { followers: 52_000, verified: true, handle: 'radiopanamericana', page: true },
      },
    ]);
  });

  it('keeps a person’s mention in a comment with an unknown reach, and follows its edit and removal', async () => {
    const { ctx, recorded } = connect();
    const post = `${other.id}_${Date.now() + 1}`;
    const comment = `${post.split('_')[1]}_${Date.now()}`;
    graph.page.objects.set(comment, {
      type: 'comment',
      likes: 3,
      replies: 0,
      permalink_url: fb.commentPermalink(post, comment),
      created_time: fb.graphTime(),
    });
    const luis = { id: '5520011', name: 'Luis Mamani' };
    await handle(ctx, fb.mention(luis, post, 'Igual acá @Acme Telecom', { commentId: comment }).payload);
    expect(recorded.received[0]).toMatchObject({
      externalId: comment,
      threadKey: `mention:${post}:${luis.id}`,
    });
    expect(metricsOf(recorded.received[0])).toMatchObject({
      author: { followers: null, verified: false, page: false },
      item: { likes: 3, replies: 0, reposts: 0 },
    });
    await handle(ctx, fb.mention(luis, post, 'Ya volvió', { commentId: comment, verb: 'edit' }).payload);
    await handle(ctx, fb.mention(luis, post, '', { commentId: comment, verb: 'remove' }).payload);
    expect(recorded.changes.map(({ at: _at, ...c }) => c)).toEqual([
      { inboxId: 4242, externalId: comment, text: 'Ya volvió' },
      { inboxId: 4242, externalId: comment, removed: true },
    ]);
  });
});

describe('Messenger edits and reactions', () => {
  it('reports an edited message and a reaction to the Page’s message as changes', async () => {
    const { ctx, recorded } = connect();
    const psid = '6024518290912222';
    const theirs = fb.mid();
    const ours = fb.mid();
    await handle(ctx, fb.messageEdit(psid, theirs, 'Mi número es 7012345'));
    await handle(ctx, fb.reaction(psid, ours, { emoji: '❤️', name: 'love' }));
    await handle(ctx, fb.reaction(psid, ours, null));
    expect(recorded.changes.map(({ at, ...c }) => [at instanceof Date, c])).toEqual([
      [true, { inboxId: 4242, externalId: theirs, text: 'Mi número es 7012345' }],
      [true, { inboxId: 4242, externalId: ours, reaction: { emoji: '❤️', on: true, by: 'contact' } }],
      [true, { inboxId: 4242, externalId: ours, reaction: { emoji: '', on: false, by: 'contact' } }],
    ]);
    expect(recorded.received).toEqual([]);
  });
});

describe('measure and like', () => {
  it('measures comments and posts in one request per kind, leaving out one deleted since', async () => {
    const { conn } = connect();
    const post = fb.postId();
    const [c1, c2, gone] = [fb.commentId(post), fb.commentId(post), fb.commentId(post)];
    const at = fb.graphTime();
    const link = `https://www.facebook.com/${post.replace('_', '/posts/')}`;
    graph.page.objects.set(c1, {
      type: 'comment',
      likes: 5,
      replies: 1,
      permalink_url: link,
      created_time: at,
    });
    graph.page.objects.set(c2, {
      type: 'comment',
      likes: 900,
      replies: 64,
      permalink_url: link,
      created_time: at,
    });
    graph.page.objects.set(gone, {
      type: 'comment',
      likes: 2,
      replies: 0,
      permalink_url: link,
      created_time: at,
    });
    graph.page.deleted.add(gone);
    const visitor = fb.postId();
    graph.page.objects.set(visitor, {
      type: 'post',
      reactions: 14,
      comments: 3,
      shares: 0,
      permalink_url: link,
      created_time: at,
    });
    const before = graph.requests.length;
    const measured = await conn.measure!(
      [
        { externalId: c1, social: { network: 'facebook', kind: 'comment', graphType: 'comment' } },
        { externalId: gone, social: { network: 'facebook', kind: 'comment', graphType: 'comment' } },
        { externalId: visitor, social: { network: 'facebook', kind: 'post', graphType: 'post' } },
        { externalId: c2, social: { network: 'facebook', kind: 'comment', graphType: 'comment' } },
      ],
      signal(),
    );
    expect(measured.map((m) => [m.externalId, m.item.likes, m.item.replies, m.item.reposts])).toEqual([
      [c1, 5, 1, 0],
      [c2, 900, 64, 0],
      [visitor, 14, 3, 0],
    ]);
    // One batch per kind; Graph refused the comment batch naming the deleted one, then answered the rest.
    const calls = graph.requests.slice(before);
    expect(calls.map((r) => [r.path, r.query.get('ids')])).toEqual([
      [`/${GRAPH_API_VERSION}/`, `${c1},${gone},${c2}`],
      [`/${GRAPH_API_VERSION}/`, `${c1},${c2}`],
      [`/${GRAPH_API_VERSION}/`, visitor],
    ]);
    expect(calls[2].query.get('fields')).toBe(
      'shares,reactions.summary(total_count),comments.summary(total_count),permalink_url,created_time',
    );
  });

  it('likes a comment as the Page, and says plainly when it is gone', async () => {
    const { conn } = connect();
    const post = fb.postId();
    const c = fb.commentId(post);
    graph.page.objects.set(c, {
      type: 'comment',
      likes: 0,
      replies: 0,
      permalink_url: fb.commentPermalink(post, c),
      created_time: fb.graphTime(),
    });
    await conn.moderate!({ externalId: c, action: 'like' }, signal());
    expect(graph.page.likes.has(c)).toBe(true);
    expect(graph.requests.at(-1)).toMatchObject({ method: 'POST', path: `/${GRAPH_API_VERSION}/${c}/likes` });
    graph.page.deleted.add(c);
    await expect(conn.moderate!({ externalId: c, action: 'like' }, signal())).rejects.toMatchObject({
      code: 'PERMANENT',
    });
    expect(facebookChannel.capabilities).toMatchObject({ hideDelete: true, like: true, publicItems: true });
  });
});
