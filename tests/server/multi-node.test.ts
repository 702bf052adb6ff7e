// Two hub nodes on one PostgreSQL database and one Redis: an agent connected to one node hears about a
// message that arrived through the other. (PGlite lives inside one process, so this needs PostgreSQL.)
import { randomBytes } from 'node:crypto';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Hub } from '#server/hub.ts';
import {
  eventually,
  incoming,
  onPostgres,
  seedAccount,
  startSecondNode,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';

describe.runIf(onPostgres)('several hub nodes', () => {
  let first: TestHub;
  let second: Hub;
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    await second?.stop();
    await first?.destroy();
  });

  it('fans a message out to agents connected to another node', async () => {
    first = await startTestHub({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix });
    second = await startSecondNode(first, { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix });
    const acct = await seedAccount(first);
    const inbox = await acct.apiInbox();
    // The inbox was created through the first node; the second starts it on first use.

    const socket = connect(`${first.url}/agent`, {
      auth: { token: acct.adminToken },
      transports: ['websocket'],
    });
    const seen: string[] = [];
    socket.on('message:new', (e) => seen.push(e.message.text));
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    const r = await incoming(second.url, inbox, {
      externalId: 'mn-1',
      contact: { externalId: 'c' },
      text: 'via node 2',
    });
    expect(r.status).toBe(201);
    await eventually(async () => seen.includes('via node 2'));
    socket.close();
  });
});
