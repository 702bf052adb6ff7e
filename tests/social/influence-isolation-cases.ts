// The influence settings' cases for tests/server/isolation.test.ts: account A's admin reads and changes
// only A's thresholds; B's stay as B left them.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

type World = { t: TestHub; A: SeededAccount; B: SeededAccount };

export function influenceIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  const apis = () => {
    const { t, A, B } = world();
    return { a: client(t.url, A.adminToken), b: client(t.url, B.adminToken) };
  };
  /** B has its own thresholds for the duration of `check`. */
  const withBThresholds = async (check: () => Promise<void>) => {
    const { b } = apis();
    const own = { medium: 11, high: 22, critical: 33 };
    expect((await b.patch('/influence/settings', { thresholds: own })).status).toBe(200);
    await check();
    expect((await b.get('/influence/settings')).body.data.thresholds).toEqual(own);
  };
  return [
    {
      route: 'GET /influence/settings',
      run: () =>
        withBThresholds(async () => {
          const res = await apis().a.get('/influence/settings');
          expect(res.status).toBe(200);
          expect(res.body.data.thresholds.medium).not.toBe(11);
        }),
    },
    {
      route: 'PATCH /influence/settings',
      run: () =>
        withBThresholds(async () => {
          const res = await apis().a.patch('/influence/settings', {
            thresholds: { medium: 44, high: 55, critical: 66 },
          });
          expect(res.body.data.thresholds).toEqual({ medium: 44, high: 55, critical: 66 });
        }),
    },
  ];
}
