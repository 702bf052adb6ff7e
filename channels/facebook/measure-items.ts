// The hub's scheduled re-measurement of open public items (ChannelConnection.measure): comments and posts
// read in batches (GET /?ids=a,b,c&fields=...), one request per kind of object since Graph refuses a field
// that one of the objects lacks (a comment has no shares). Graph fails a whole batch naming the ids that
// no longer exist (#803): those are left out (deleted) and the rest asked again. The Pages that mentioned
// ours are re-read too, in one more request, since their followers change as the item spreads.
import { ChannelError } from '../errors.ts';
import type { MeasuredItem } from '../types.ts';
import type { FacebookGraph } from './graph-client.ts';
import { type GraphItemType, ITEM_FIELDS, measurementOf, PAGE_FIELDS, pageAuthorOf } from './social-meta.ts';

/** Graph's limit on ids in one request. */
export const MAX_IDS = 50;
const GONE = 803;

type Item = { externalId: string; social: Record<string, unknown> };

/** Items stored before `graphType` was kept: a comment is the one with a parent. */
const typeOf = (social: Record<string, unknown>): GraphItemType =>
  social.graphType === 'comment' || social.graphType === 'post'
    ? social.graphType
    : social.kind === 'comment' || typeof social.parentId === 'string'
      ? 'comment'
      : 'post';

/** The ids a #803 refusal names as gone, or null when the error is something else. */
function goneIds(err: unknown): string[] | null {
  if (!(err instanceof ChannelError) || err.code !== 'PERMANENT') return null;
  const body = (err.cause as { body?: { error?: { code?: number; message?: string } } } | undefined)?.body;
  if (body?.error?.code !== GONE) return null;
  const listed = body.error.message?.split(':').at(-1) ?? '';
  return listed
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}

async function readBatch(
  graph: FacebookGraph,
  ids: string[],
  type: GraphItemType,
  signal: AbortSignal,
): Promise<Record<string, Record<string, unknown>>> {
  let asked = ids;
  while (asked.length) {
    const query = `ids=${asked.map(encodeURIComponent).join(',')}&fields=${encodeURIComponent(ITEM_FIELDS[type])}`;
    try {
      return (await graph.get(`?${query}`, signal)) as Record<string, Record<string, unknown>>;
    } catch (err) {
      const gone = goneIds(err);
      if (!gone) throw err;
      const left = asked.filter((id) => !gone.includes(id));
      // Graph named none of ours: ask one by one rather than loop, leaving out each it cannot find.
      if (left.length === asked.length) return readOneByOne(graph, asked, type, signal);
      asked = left;
    }
  }
  return {};
}

async function readOneByOne(
  graph: FacebookGraph,
  ids: string[],
  type: GraphItemType,
  signal: AbortSignal,
): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const id of ids) {
    try {
      out[id] = await graph.get(
        `${encodeURIComponent(id)}?fields=${encodeURIComponent(ITEM_FIELDS[type])}`,
        signal,
      );
    } catch (err) {
      if (!(err instanceof ChannelError) || err.code !== 'PERMANENT') throw err;
    }
  }
  return out;
}

/** The mentioning Pages' reach now (one request); a failure leaves the stored reach as it was. */
async function pagesNow(
  graph: FacebookGraph,
  pageIds: string[],
  signal: AbortSignal,
): Promise<Map<string, MeasuredItem['author']>> {
  const out = new Map<string, MeasuredItem['author']>();
  if (!pageIds.length) return out;
  try {
    const query = `ids=${pageIds.map(encodeURIComponent).join(',')}&fields=${encodeURIComponent(PAGE_FIELDS)}`;
    const answers = (await graph.get(`?${query}`, signal)) as Record<string, Record<string, unknown>>;
    for (const [id, answer] of Object.entries(answers)) {
      const author = answer && pageAuthorOf(answer);
      if (author) out.set(id, author);
    }
  } catch (err) {
    if (!(err instanceof ChannelError) || err.code !== 'PERMANENT') throw err;
  }
  return out;
}

/** The mentioning Page behind an item, when the item is a Page's mention. */
const mentioningPage = (social: Record<string, unknown>) =>
  social.kind === 'mention' &&
  (social.author as { page?: unknown } | undefined)?.page === true &&
  typeof social.authorId === 'string'
    ? social.authorId
    : null;

export async function measureItems(
  graph: FacebookGraph,
  items: Item[],
  signal: AbortSignal,
): Promise<MeasuredItem[]> {
  const measured: MeasuredItem[] = [];
  for (const type of ['comment', 'post'] as const) {
    const ids = [...new Set(items.filter((i) => typeOf(i.social) === type).map((i) => i.externalId))];
    for (let i = 0; i < ids.length; i += MAX_IDS) {
      const answers = await readBatch(graph, ids.slice(i, i + MAX_IDS), type, signal);
      const at = new Date();
      for (const [externalId, answer] of Object.entries(answers)) {
        const item = answer && measurementOf(type, answer, at);
        if (item) measured.push({ externalId, item });
      }
    }
  }
  // A Page's followers change too: re-read with its mentions (a person's are never given).
  const pageOf = new Map(items.map((i) => [i.externalId, mentioningPage(i.social)]));
  const pages = await pagesNow(
    graph,
    [...new Set(measured.map((m) => pageOf.get(m.externalId)).filter((id) => typeof id === 'string'))],
    signal,
  );
  return measured.map((m) => {
    const author = pages.get(pageOf.get(m.externalId) ?? '');
    return author ? { ...m, author } : m;
  });
}
