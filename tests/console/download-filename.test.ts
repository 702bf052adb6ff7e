// A report's export is saved under the name the hub gives it (Content-Disposition), whichever way the
// header spells it; without one the browser still gets a name.
import { describe, expect, it } from 'vitest';
import { filenameOf } from '../../agent-console/src/api.ts';

describe('the downloaded file’s name', () => {
  it('reads the quoted, the bare and the UTF-8 forms, the UTF-8 one first', () => {
    expect(filenameOf('attachment; filename="service-level-byDay-2026-12-01_2026-12-07.csv"')).toBe(
      'service-level-byDay-2026-12-01_2026-12-07.csv',
    );
    expect(filenameOf('attachment; filename=volume.xlsx')).toBe('volume.xlsx');
    expect(filenameOf(`attachment; filename="a.csv"; filename*=UTF-8''atenci%C3%B3n.csv`)).toBe(
      'atención.csv',
    );
    expect(filenameOf(null)).toBe('download');
    expect(filenameOf('attachment')).toBe('download');
  });
});
