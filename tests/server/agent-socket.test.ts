// The /agent socket: a token is required, and each agent hears exactly about the conversations they
// may see — their account's, by role, team and assignment — and nothing of another account.
import { io as connect, type Socket } from 'socket.io-client';
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

let t: TestHub;
let a: SeededAccount;
let b: SeededAccount;
const sockets: Socket[] = [];

type Listener = { socket: Socket; messages: any[]; conversations: any[] };

async function listen(token: string): Promise<Listener> {
  const socket = connect(`${t.url}/agent`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  const l: Listener = { socket, messages: [], conversations: [] };
  socket.on('message:new', (e) => l.messages.push(e.message));
  socket.on('conversation:updated', (e) => l.conversations.push(e.conversation));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  return l;
}

beforeAll(async () => {
  t = await startTestHub();
  a = await seedAccount(t, 'A');
  b = await seedAccount(t, 'B');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.destroy();
});

describe('agent socket', () => {
  it('refuses a connection without a valid token', async () => {
    const err = await listen('hub_not-a-token').then(
      () => null,
      (e: Error & { data?: { code: string } }) => e,
    );
    expect(err?.data?.code).toBe('unauthenticated');
  });

  it('routes events by account, role, team and assignment', async () => {
    const admin = await listen(a.adminToken);
    const otherAccount = await listen(b.adminToken);
    const inTeam = await a.user('agent', 'in team');
    const outsider = await a.user('agent', 'outsider');
    const marketing = await a.user('marketing');
    const api = client(t.url, a.adminToken);
    const team = await api.post('/teams', { name: 'Billing', memberIds: [String(inTeam.user.id)] });
    const teamInbox = await a.apiInbox();
    await api.patch(`/inboxes/${teamInbox.id}`, { teamId: team.body.data.id });
    const poolInbox = await a.apiInbox();

    const teamL = await listen(inTeam.token);
    const outsiderL = await listen(outsider.token);
    const marketingL = await listen(marketing.token);

    const teamMsg = await incoming(t.url, teamInbox, {
      externalId: 'tm',
      contact: { externalId: 'ct' },
      text: 'team',
    });
    const poolMsg = await incoming(t.url, poolInbox, {
      externalId: 'pm',
      contact: { externalId: 'cp' },
      text: 'pool',
    });
    const teamMsgId = teamMsg.body.data.message.id;
    const poolMsgId = poolMsg.body.data.message.id;

    await eventually(async () => admin.messages.length >= 2);
    expect(admin.messages.map((m) => m.id).sort()).toEqual([teamMsgId, poolMsgId].sort());
    await eventually(async () => teamL.messages.length >= 2);
    // The team member sees the team's conversation and the account's unassigned pool.
    expect(teamL.messages.map((m) => m.id).sort()).toEqual([teamMsgId, poolMsgId].sort());
    // The outsider sees only the pool; marketing sees no conversations here; account B sees nothing.
    await eventually(async () => outsiderL.messages.length >= 1);
    expect(outsiderL.messages.map((m) => m.id)).toEqual([poolMsgId]);

    // Assigning the pool conversation to the team member takes it out of the outsider's sight: they get
    // one last update (so their list can drop it) and no further messages.
    const poolConversation = poolMsg.body.data.conversation.id;
    await api.post(`/conversations/${poolConversation}/assign`, { assigneeId: String(inTeam.user.id) });
    await eventually(async () =>
      outsiderL.conversations.find(
        (c) => c.id === poolConversation && c.assigneeId === String(inTeam.user.id),
      ),
    );
    const later = await incoming(t.url, poolInbox, {
      externalId: 'pm2',
      contact: { externalId: 'cp' },
      text: 'again',
    });
    await eventually(async () => teamL.messages.find((m) => m.id === later.body.data.message.id));
    await eventually(async () => admin.messages.find((m) => m.id === later.body.data.message.id));
    expect(outsiderL.messages.map((m) => m.id)).toEqual([poolMsgId]);
    expect(marketingL.messages).toEqual([]);
    expect(otherAccount.messages).toEqual([]);
    expect(otherAccount.conversations).toEqual([]);
  });

  it('moves a connected agent into a team room as soon as they join the team', async () => {
    const agent = await a.user('agent', 'joiner');
    const l = await listen(agent.token);
    const api = client(t.url, a.adminToken);
    const team = await api.post('/teams', { name: 'Help desk', memberIds: [] });
    const inbox = await a.apiInbox();
    await api.patch(`/inboxes/${inbox.id}`, { teamId: team.body.data.id });
    await incoming(t.url, inbox, { externalId: 'j1', contact: { externalId: 'cj' }, text: 'before joining' });
    await api.patch(`/teams/${team.body.data.id}`, { memberIds: [String(agent.user.id)] });
    const after = await incoming(t.url, inbox, {
      externalId: 'j2',
      contact: { externalId: 'cj' },
      text: 'after',
    });
    await eventually(async () => l.messages.find((m) => m.id === after.body.data.message.id));
    expect(l.messages.map((m) => m.text)).toEqual(['after']);
  });
});
