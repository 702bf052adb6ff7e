// GET /directory: whom an agent can hand a conversation to — active colleagues who take conversations,
// with presence and teams, and the teams — without the users' admin data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { makeTeam } from '#tests/helpers/routing.ts';

let t: TestHub;
let acme: SeededAccount;

beforeAll(async () => {
  t = await startTestHub();
  acme = await seedAccount(t);
});
afterAll(() => t?.destroy());

describe('directory', () => {
  it('lists active colleagues with presence and teams for an agent, and nothing private', async () => {
    const rosa = await acme.user('agent', 'Rosa');
    const beto = await acme.user('agent', 'Beto');
    const gone = await acme.user('agent', 'Gone');
    await acme.user('marketing', 'Mar');
    const team = await makeTeam(t, acme, {
      name: 'Ventas',
      strategy: 'least_busy',
      memberIds: [String(rosa.user.id)],
    });
    const admin = client(t.url, acme.adminToken);
    expect((await admin.patch(`/users/${gone.user.id}`, { disabled: true })).status).toBe(200);
    expect((await client(t.url, rosa.token).post('/me/presence', { status: 'online' })).status).toBe(200);

    const res = await client(t.url, beto.token).get('/directory');
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.data.users.map((u: any) => [u.name, u]));
    expect(Object.keys(byName).sort()).toEqual(['Admin', 'Beto', 'Rosa']);
    expect(byName.Rosa).toEqual({
      id: String(rosa.user.id),
      name: 'Rosa',
      role: 'agent',
      presence: 'online',
      teamIds: [team],
    });
    expect(res.body.data.teams).toEqual([{ id: team, name: 'Ventas' }]);
    expect(JSON.stringify(res.body)).not.toContain('@');
  });

  it('is not for roles that neither work conversations nor escalate them', async () => {
    // Marketing reads it: it escalates social items to a care team.
    const mar = await acme.user('marketing', 'Mar2');
    expect((await client(t.url, mar.token).get('/directory')).status).toBe(200);
    const fin = await acme.user('finance', 'Fin2');
    const res = await client(t.url, fin.token).get('/directory');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await client(t.url).get('/directory')).status).toBe(401);
  });
});
