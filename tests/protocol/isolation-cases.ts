// The protocol routes' cases for tests/server/isolation.test.ts: account A's admin cannot read or change
// account B's protocol templates or the checklist of B's conversations.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = { t: TestHub; A: SeededAccount; B: SeededAccount; bConversation: string };

const custom = (name: string) => ({
  name,
  steps: [{ key: 'only', title: 'Only step', kind: 'agent', trigger: 'manual', required: true }],
});

export function protocolIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  const apis = () => {
    const { t, A, B } = world();
    return { a: client(t.url, A.adminToken), b: client(t.url, B.adminToken) };
  };
  /** B edits its chat template for the duration of `check`, then goes back to the default. */
  const withBTemplate = async (check: () => Promise<void>) => {
    const { b } = apis();
    expect((await b.raw('PUT', '/protocols/chat', custom('B private chat'))).status).toBe(200);
    try {
      await check();
      expect((await b.get('/protocols/chat')).body.data).toMatchObject({
        custom: true,
        name: 'B private chat',
      });
    } finally {
      await b.raw('DELETE', '/protocols/chat');
    }
  };
  return [
    {
      route: 'GET /protocols',
      run: () =>
        withBTemplate(async () => {
          const res = await apis().a.get('/protocols');
          expect(res.status).toBe(200);
          expect(JSON.stringify(res.body)).not.toContain('B private chat');
        }),
    },
    {
      route: 'GET /protocols/{protocol}',
      run: () =>
        withBTemplate(async () => {
          const res = await apis().a.get('/protocols/chat');
          expect(res.body.data).toMatchObject({ custom: false, name: 'Chat' });
        }),
    },
    {
      route: 'PUT /protocols/{protocol}',
      run: async () => {
        const { a, b } = apis();
        expect((await a.raw('PUT', '/protocols/email', custom('A mail'))).status).toBe(200);
        expect((await b.get('/protocols/email')).body.data).toMatchObject({ custom: false, name: 'E-mail' });
        await a.raw('DELETE', '/protocols/email');
      },
    },
    {
      route: 'DELETE /protocols/{protocol}',
      run: () =>
        withBTemplate(async () => {
          expect((await apis().a.raw('DELETE', '/protocols/chat')).status).toBe(200);
        }),
    },
    {
      route: 'GET /conversations/{id}/protocol',
      run: async () => {
        const res = await apis().a.get(`/conversations/${world().bConversation}/protocol`);
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 404,
          code: 'not_found',
        });
      },
    },
    {
      route: 'POST /conversations/{id}/protocol/steps/{key}',
      run: async () => {
        const res = await apis().a.post(`/conversations/${world().bConversation}/protocol/steps/listen`, {
          status: 'done',
        });
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 404,
          code: 'not_found',
        });
      },
    },
    {
      route: 'POST /conversations/{id}/resolve-request',
      run: async () => {
        const res = await apis().a.post(`/conversations/${world().bConversation}/resolve-request`);
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 404,
          code: 'not_found',
        });
      },
    },
  ];
}
