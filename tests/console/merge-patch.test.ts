// The inbox editor's save as a merge patch (agent-console/src/components/merge-patch.ts): a field the
// admin emptied is sent as null so the hub clears it; what is kept or changed is sent as it is.
import { describe, expect, it } from 'vitest';
import { withClearedKeys } from '../../agent-console/src/components/merge-patch.ts';

describe('inbox edit as a merge patch', () => {
  it('nulls what was emptied, at any depth, and leaves the rest', () => {
    expect(
      withClearedKeys(
        { signature: 'Saludos', smtp: { host: 'a', user: 'u' }, pollSeconds: 5, tags: ['x'] },
        { smtp: { host: 'b' }, pollSeconds: 5, tags: [] },
      ),
    ).toEqual({ signature: null, smtp: { host: 'b', user: null }, pollSeconds: 5, tags: [] });
    expect(withClearedKeys({}, { a: 1 })).toEqual({ a: 1 });
    expect(withClearedKeys({ a: { b: 1 } }, { a: 'flat now' })).toEqual({ a: 'flat now' });
  });
});
