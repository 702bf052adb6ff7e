// Reviewing what the customer sent over WhatsApp (seed 002, step 6): the defaults carry the seed's letter
// clauses, and a review is complete only when every item was ticked.
import { describe, expect, it } from 'vitest';
import { defaultCiChecklist, defaultLetterClauses, reviewOutcome } from '#shared/sales/document-review.ts';

const allTicked = (items: { key: string }[]) => Object.fromEntries(items.map((i) => [i.key, true]));

describe('the default checklists', () => {
  it('ask for the CI expiry date and carry the seed declaration', () => {
    expect(defaultCiChecklist.filter((i) => i.needsValue === 'date').map((i) => i.key)).toEqual([
      'ci_not_expired',
    ]);
    const declaration = defaultLetterClauses.find((c) => c.key === 'declaration');
    expect(declaration?.text).toContain('TIEMPO MINIMO DE PERMANENCIA, 18 MESES');
    expect(declaration?.text).toContain('Bs.30.00 POR CADA MES');
    expect(defaultLetterClauses.map((c) => c.key)).toEqual([
      'declaration',
      'service',
      'installation_address',
      'reference_numbers',
      'signature',
    ]);
  });

  it('have unique keys', () => {
    for (const list of [defaultCiChecklist, defaultLetterClauses]) {
      expect(new Set(list.map((i) => i.key)).size).toBe(list.length);
    }
  });
});

describe('reviewOutcome', () => {
  it('is complete when every item is ticked', () => {
    expect(reviewOutcome(defaultLetterClauses, allTicked(defaultLetterClauses))).toEqual({
      complete: true,
      failed: [],
    });
  });

  it('lists items answered no or not answered, in checklist order, ignoring unknown keys', () => {
    const { ci_not_expired: _unanswered, ...ticked } = allTicked(defaultCiChecklist);
    const answers = { ...ticked, ci_name_matches: false, ci_back: false, stray: false };
    expect(reviewOutcome(defaultCiChecklist, answers)).toEqual({
      complete: false,
      failed: ['ci_back', 'ci_not_expired', 'ci_name_matches'],
    });
  });

  it('is not complete for an empty answer sheet', () => {
    expect(reviewOutcome(defaultLetterClauses, {}).failed).toHaveLength(defaultLetterClauses.length);
  });
});
