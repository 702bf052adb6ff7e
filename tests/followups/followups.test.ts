// Follow-ups (QP-14, issue 18 item 3): a complaint opens one by itself, once — re-categorising does not
// open a second — owned by the account's follow-up employee, due the next day; the manager forwards it
// to the competent department (a team) with a note and closes it when solved and the customer was told;
// an agent schedules one from a conversation; the due reminder fires through the queue clock (an event and
// a notice to the owner), and a closed or rescheduled one does nothing when its old timer fires. Every
// step is an event with who and when; wrong states are 409s, wrong roles 403s, bad input 400s.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
import { eventually, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { expectError, listen, seedFollowUpWorld } from './world.ts';

let t: TestHub;
let w: Awaited<ReturnType<typeof seedFollowUpWorld>>;
let heard: any[];
let team: string;
const sockets: Socket[] = [];
const HOUR = 3600_000;

beforeAll(async () => {
  t = await startTestHub();
  w = await seedFollowUpWorld(t, 'Follow-ups');
  heard = await listen(t, w.followUp.token, sockets);
  team = (await w.admin.post('/teams', { name: 'Technical department', memberIds: [w.agent.id] })).body.data
    .id;
}, 60_000);
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.destroy();
});

const followUpsOf = async (conversationId: string) =>
  (await w.manager.api.get('/follow-ups')).body.data.filter((f: any) => f.conversationId === conversationId);
const inHours = (h: number) => new Date(t.hub.ctx.clock.now().getTime() + h * HOUR).toISOString();

describe('a complaint opens a follow-up', () => {
  it('once, owned by the follow-up employee, due the next day; re-categorising opens no second', async () => {
    const c = await w.conversation('Carla Complains');
    const before = t.hub.ctx.clock.now().getTime();
    expect((await w.admin.post(`/conversations/${c.id}/category`, { category: 'complaint' })).status).toBe(
      200,
    );
    const [f] = await followUpsOf(c.id);
    expect(f).toMatchObject({
      kind: 'complaint',
      origin: 'category',
      status: 'open',
      ownerId: w.followUp.id,
      contactName: 'Carla Complains',
      teamId: null,
    });
    const due = new Date(f.dueAt).getTime() - before;
    expect(due).toBeGreaterThanOrEqual(24 * HOUR);
    expect(due).toBeLessThan(25 * HOUR);
    await eventually(async () => heard.find((n) => n.type === 'follow_up.assigned' && n.followUpId === f.id));

    for (const category of ['claim', 'complaint', 'petition', 'complaint']) {
      expect((await w.admin.post(`/conversations/${c.id}/category`, { category })).status).toBe(200);
    }
    expect(await followUpsOf(c.id)).toHaveLength(1);
    const one = await w.manager.api.get(`/follow-ups/${f.id}`);
    expect(one.body.events.map((e: any) => e.type)).toEqual(['follow_up.opened']);
    expect(one.body.events[0]).toMatchObject({
      actorId: String(w.acct.admin.id),
      data: { origin: 'category' },
    });
    expect(one.body.compensation).toBeNull();
  });

  it('a petition opens none; a claim opens a claim', async () => {
    const c = await w.conversation();
    expect((await w.admin.post(`/conversations/${c.id}/category`, { category: 'petition' })).status).toBe(
      200,
    );
    expect(await followUpsOf(c.id)).toEqual([]);
    expect((await w.admin.post(`/conversations/${c.id}/category`, { category: 'claim' })).status).toBe(200);
    expect((await followUpsOf(c.id)).map((f: any) => f.kind)).toEqual(['claim']);
  });
});

describe('the manager’s daily review', () => {
  it('forwards a follow-up not solved to the competent team, then closes it with the customer told', async () => {
    const c = await w.conversation();
    await w.admin.post(`/conversations/${c.id}/category`, { category: 'complaint' });
    const [f] = await followUpsOf(c.id);

    expectError(
      await w.manager.api.post(`/follow-ups/${f.id}/forward`, { teamId: team }),
      400,
      'validation_failed',
    );
    expectError(
      await w.manager.api.post(`/follow-ups/${f.id}/forward`, { teamId: '999999999', note: 'x' }),
      400,
      'validation_failed',
    );
    const fwd = await w.manager.api.post(`/follow-ups/${f.id}/forward`, {
      teamId: team,
      note: 'The line still drops: technical must visit',
    });
    expect(fwd.status, JSON.stringify(fwd.body)).toBe(200);
    expect(fwd.body.data).toMatchObject({ status: 'forwarded', teamId: team });
    const forwarded = await w.manager.api.get(`/follow-ups?status=forwarded`);
    expect(forwarded.body.data.map((x: any) => x.id)).toContain(f.id);

    expectError(
      await w.manager.api.post(`/follow-ups/${f.id}/close`, { note: 'x' }),
      400,
      'validation_failed',
    );
    expectError(
      await w.manager.api.post(`/follow-ups/${f.id}/close`, { customerTold: false }),
      400,
      'validation_failed',
    );
    const closed = await w.manager.api.post(`/follow-ups/${f.id}/close`, {
      customerTold: true,
      note: 'Technician fixed it; customer called and told',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.data.status).toBe('closed');
    expect(closed.body.data.customerToldAt).not.toBeNull();
    expectError(
      await w.manager.api.post(`/follow-ups/${f.id}/close`, { customerTold: true }),
      409,
      'invalid_state',
    );
    expectError(
      await w.manager.api.post(`/follow-ups/${f.id}/forward`, { teamId: team, note: 'again' }),
      409,
      'invalid_state',
    );

    const events = (await w.manager.api.get(`/follow-ups/${f.id}`)).body.events;
    expect(events.map((e: any) => [e.type, e.actorId])).toEqual([
      ['follow_up.opened', String(w.acct.admin.id)],
      ['follow_up.forwarded', w.manager.id],
      ['follow_up.closed', w.manager.id],
    ]);
    expect(events[1].data).toMatchObject({
      teamId: team,
      note: 'The line still drops: technical must visit',
    });
    for (const e of events) expect(Number.isNaN(Date.parse(e.createdAt))).toBe(false);
    // Names come with it: its owner (who may read neither the users nor the teams list) never reads an id.
    const seen = await w.followUp.api.get(`/follow-ups/${f.id}`);
    expect(seen.body.data).toMatchObject({
      ownerId: w.followUp.id,
      ownerName: 'Fátima follow-up',
      teamName: 'Technical department',
    });
    expect(seen.body.events.map((e: any) => e.actorName)).toEqual([
      w.acct.admin.name,
      'Sofía manager',
      'Sofía manager',
    ]);
  });

  it('the dashboard: the manager sees all, the owner theirs, an agent none of others; filters', async () => {
    const c = await w.conversation();
    const mine = await w.agent.api.post(`/conversations/${c.id}/follow-ups`, {
      kind: 'installation',
      dueAt: inHours(48),
      ownerId: w.agent.id,
      note: 'Check the installation went well',
    });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    const all = (await w.manager.api.get('/follow-ups')).body.data;
    expect(all.length).toBeGreaterThan(1);
    const agentSees = (await w.agent.api.get('/follow-ups')).body.data;
    expect(agentSees.map((f: any) => f.id)).toEqual([mine.body.data.id]);
    const fuSees = (await w.followUp.api.get('/follow-ups')).body.data;
    expect(fuSees.length).toBeGreaterThan(0);
    expect(fuSees.every((f: any) => f.ownerId === w.followUp.id)).toBe(true);
    const other = fuSees[0].id;
    expectError(await w.agent.api.get(`/follow-ups/${other}`), 404, 'not_found');
    expectError(
      await w.agent.api.post(`/follow-ups/${other}/close`, { customerTold: true }),
      404,
      'not_found',
    );
    expectError(await w.finance.api.get('/follow-ups'), 403, 'forbidden');
    expectError(await w.finance.api.get(`/follow-ups/${other}`), 403, 'forbidden');

    const byKind = (await w.manager.api.get('/follow-ups?kind=installation')).body.data;
    expect(byKind.map((f: any) => f.id)).toEqual([mine.body.data.id]);
    const byOwner = (await w.manager.api.get(`/follow-ups?ownerId=${w.agent.id}`)).body.data;
    expect(byOwner.map((f: any) => f.id)).toEqual([mine.body.data.id]);
    const soon = (await w.manager.api.get(`/follow-ups?dueBefore=${encodeURIComponent(inHours(30))}`)).body
      .data;
    expect(soon.map((f: any) => f.id)).not.toContain(mine.body.data.id);
    expect(soon.length).toBeGreaterThan(0);
    expectError(await w.manager.api.get('/follow-ups?status=lost'), 400, 'validation_failed');
    expectError(await w.manager.api.get('/follow-ups?dueBefore=tomorrow'), 400, 'validation_failed');
  });

  it('an agent schedules a follow-up: bad input is a 400, an unknown owner a 422, an unseen conversation a 404', async () => {
    const c = await w.conversation();
    expectError(
      await w.agent.api.post(`/conversations/${c.id}/follow-ups`, { kind: 'party', dueAt: inHours(1) }),
      400,
      'validation_failed',
    );
    expectError(
      await w.agent.api.post(`/conversations/${c.id}/follow-ups`, { kind: 'paid_visit', dueAt: 'soon' }),
      400,
      'validation_failed',
    );
    expectError(
      await w.agent.api.post(`/conversations/${c.id}/follow-ups`, {
        kind: 'paid_visit',
        dueAt: inHours(1),
        ownerId: w.finance.id,
      }),
      422,
      'invalid_owner',
    );
    expectError(
      await w.agent.api.post('/conversations/999999999/follow-ups', {
        kind: 'paid_visit',
        dueAt: inHours(1),
      }),
      404,
      'not_found',
    );
    // No owner named: the follow-up employee with the fewest open ones.
    const f = await w.agent.api.post(`/conversations/${c.id}/follow-ups`, {
      kind: 'paid_visit',
      dueAt: inHours(5),
    });
    expect(f.status).toBe(201);
    expect(f.body.data).toMatchObject({
      kind: 'paid_visit',
      origin: 'manual',
      ownerId: w.followUp.id,
      createdById: w.agent.id,
    });
    expectError(
      await w.agent.api.post(`/follow-ups/${f.body.data.id}/reassign`, { ownerId: w.agent.id }),
      404,
      'not_found',
    );
    expectError(
      await w.followUp.api.post(`/follow-ups/${f.body.data.id}/reassign`, { ownerId: w.agent.id }),
      403,
      'not_manager',
    );
  });
});

describe('the due reminder', () => {
  it('fires through the queue clock for an open one; a closed one and a rescheduled old timer do nothing', async () => {
    const c = await w.conversation();
    const make = (h: number) =>
      w.agent.api.post(`/conversations/${c.id}/follow-ups`, {
        kind: 'activation',
        dueAt: inHours(h),
        ownerId: w.followUp.id,
      });
    const open = (await make(2)).body.data;
    const closed = (await make(2)).body.data;
    const moved = (await make(2)).body.data;
    expect((await w.followUp.api.post(`/follow-ups/${closed.id}/close`, { customerTold: true })).status).toBe(
      200,
    );
    const re = await w.manager.api.post(`/follow-ups/${moved.id}/reassign`, {
      ownerId: w.followUp.id,
      dueAt: inHours(10),
      note: 'The customer is away until tonight',
    });
    expect(re.status, JSON.stringify(re.body)).toBe(200);

    await advanceClock(t, 3 * HOUR);
    await settleQueue(t);
    const reminded = async (id: string) =>
      (await w.manager.api.get(`/follow-ups/${id}`)).body.events.filter(
        (e: any) => e.type === 'follow_up.due_reminded',
      );
    expect(await reminded(open.id)).toHaveLength(1);
    expect(await reminded(closed.id)).toEqual([]);
    expect(await reminded(moved.id)).toEqual([]);
    await eventually(async () => heard.find((n) => n.type === 'follow_up.due' && n.followUpId === open.id));
    expect(
      heard.filter((n) => n.type === 'follow_up.due' && [closed.id, moved.id].includes(n.followUpId)),
    ).toEqual([]);

    // The rescheduled one's own time comes.
    await advanceClock(t, 8 * HOUR);
    await settleQueue(t);
    expect(await reminded(moved.id)).toHaveLength(1);
    expect(await reminded(open.id)).toHaveLength(1);
    await eventually(async () => heard.find((n) => n.type === 'follow_up.due' && n.followUpId === moved.id));
  });
});
