// Moderating public items on X and answering them privately, against the loopback X stand-in: hide and
// show again a reply under the account's post, delete the account's own post, refuse what X cannot do,
// and a mention answered by DM instead of under it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { XConnection } from '#channels/twitter/index.ts';
import { startXApi, type XApi } from '#tests/helpers/x-api.ts';
import { outbound } from '../contract.ts';
import { problems } from './payloads.ts';
import { connectX, KEYS } from './setup.ts';

describe('X adapter moderation and private replies', () => {
  let x: XApi;
  let conn: XConnection;
  const signal = () => AbortSignal.timeout(10_000);

  beforeEach(async () => {
    x = await startXApi(KEYS);
    conn = connectX(x).conn;
  });
  afterEach(async () => {
    await conn.stop();
    await x.close();
  });

  it('hides a reply under the account’s post and shows it again', async () => {
    await conn.moderate({ externalId: 'tweet:1875', action: 'hide' }, signal());
    await conn.moderate({ externalId: 'tweet:1875', action: 'unhide' }, signal());
    expect(x.writes().map((w) => [w.method, w.path, w.json])).toEqual([
      ['PUT', '/2/tweets/1875/hidden', { hidden: true }],
      ['PUT', '/2/tweets/1875/hidden', { hidden: false }],
    ]);
  });

  it('deletes the account’s own post', async () => {
    await conn.moderate({ externalId: 'tweet:1880', action: 'delete' }, signal());
    expect(x.writes().map((w) => [w.method, w.path])).toEqual([['DELETE', '/2/tweets/1880']]);
  });

  it('says plainly what X will not do, without calling it a token problem', async () => {
    const dm = await conn
      .moderate({ externalId: 'dm:1881', action: 'hide' }, signal())
      .catch((e: unknown) => e);
    expect(dm).toMatchObject({ code: 'PERMANENT', message: expect.stringContaining('not direct messages') });
    expect(x.writes()).toHaveLength(0);
    x.failNextWrite(problems.notYourPost);
    const theirs = await conn
      .moderate({ externalId: 'tweet:1882', action: 'delete' }, signal())
      .catch((e: unknown) => e);
    expect(theirs).toMatchObject({
      code: 'PERMANENT',
      message: expect.stringContaining('not allowed to delete'),
    });
  });

  it('answers a mention privately with a DM to its author, with the DM limit rather than 280', async () => {
    const text = `Le escribimos en privado: ${'x'.repeat(400)}`;
    const { externalId } = await conn.send({
      ...outbound(text),
      threadKey: 'mention:1870:2244994945',
      answersExternalId: 'tweet:1875',
      recipient: { externalId: '2244994945', name: 'ana perez', email: null, phone: null },
      privately: true,
    });
    const [sent] = x.writes();
    expect(sent.path).toBe('/2/dm_conversations/with/2244994945/messages');
    expect(sent.json).toEqual({ text });
    expect(externalId).toMatch(/^dm:\d+$/);
  });
});
