// An X inbox as an admin meets it through the hub: the channel described by GET /channels, the tokens
// tried by "test connection", and a spent read budget that stops polling, shows on the inbox's health and
// raises an alert on the console socket — never silently.
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XConnection } from '#channels/twitter/index.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { startXApi, type XApi } from '#tests/helpers/x-api.ts';
import { ME, post, user } from './payloads.ts';
import { configFor, KEYS } from './setup.ts';

let t: TestHub;
let x: XApi;
let acme: SeededAccount;
let agentSocket: Socket;
const events: { name: string; data: { inboxId?: string; detail?: string } }[] = [];
const api = () => client(t.url, acme.adminToken);

beforeAll(async () => {
  [t, x] = await Promise.all([startTestHub(), startXApi(KEYS)]);
  acme = await seedAccount(t);
  agentSocket = ioClient(`${t.url}/agent`, { auth: { token: acme.adminToken }, transports: ['websocket'] });
  agentSocket.onAny((name, data) => events.push({ name, data }));
  await new Promise<void>((resolve) => agentSocket.once('connect', () => resolve()));
});
afterAll(async () => {
  agentSocket?.close();
  await t?.destroy();
  await x?.close();
});

describe('X inbox administration', () => {
  it('is described by GET /channels as a polled channel with public items and X’s 280 limit', async () => {
    const res = await api().get('/channels');
    const described = res.body.data.find((c: { kind: string }) => c.kind === 'twitter');
    expect(described).toMatchObject({ capabilities: { publicItems: true, maxText: 280 } });
    expect(Object.keys(described.configSchema.properties)).toEqual(
      expect.arrayContaining(['handle', 'accessSecret', 'pollSeconds', 'monthlyBudgetUsd', 'apiBaseUrl']),
    );
  });

  it('tests the tokens and says which account they act as', async () => {
    const good = await api().post('/inboxes/test-connection', { channel: 'twitter', config: configFor(x) });
    expect(good.body.data).toMatchObject({
      ok: true,
      checks: [{ step: 'x api account', ok: true, detail: '@acme' }],
    });
    const other = await api().post('/inboxes/test-connection', {
      channel: 'twitter',
      config: configFor(x, { handle: 'acme_support' }),
    });
    expect(other.body.data.checks[0]).toMatchObject({
      ok: false,
      detail: 'the tokens act as @acme, not @acme_support',
    });
    const refused = await api().post('/inboxes/test-connection', {
      channel: 'twitter',
      config: configFor(x, { accessToken: 'revoked' }),
    });
    expect(refused.body.data.checks[0]).toMatchObject({
      ok: false,
      detail: expect.stringContaining('X API 401'),
    });
  });

  it('stops polling once the month’s budget is spent, saying so on the inbox and alerting the console', async () => {
    for (const [i, name] of ['ana', 'bob', 'carla'].entries()) {
      const who = user(String(7000 + i), name, 250);
      x.mention(post(who, `@acme ${name} sin servicio`), who);
    }
    const res = await api().post('/inboxes', {
      name: 'X on a budget',
      channel: 'twitter',
      config: configFor(x, { monthlyBudgetUsd: 0.05 }),
    });
    expect(res.status).toBe(201);
    const inboxId: string = res.body.data.id;
    const conn = t.hub.ctx.channels.get(Number(inboxId))?.connection as XConnection;
    await conn.pollNow();

    const inbox = await eventually(async () => {
      const list = (await api().get('/inboxes')).body.data as {
        id: string;
        health: string;
        healthDetail: string;
      }[];
      return list.find((i) => i.id === inboxId && i.health === 'failed');
    });
    expect(inbox.healthDetail).toMatch(/^the monthly X budget is spent \(\$0\.06 of \$0\.05\)/);
    const alert = await eventually(async () =>
      events.find((e) => e.name === 'inbox:alert' && e.data.inboxId === inboxId),
    );
    expect(alert.data.detail).toBe(inbox.healthDetail);
    // What was read (and paid for) was stored; nothing more is read this month.
    const conversations = (await api().get(`/conversations?inboxId=${inboxId}`)).body.data;
    expect(conversations).toHaveLength(3);
    const reads = x.reads(`/2/users/${ME.id}/mentions`).length;
    expect((await conn.pollNow()).skipped).toBe('budget_spent');
    expect(x.reads(`/2/users/${ME.id}/mentions`).length).toBe(reads);
  });
});
