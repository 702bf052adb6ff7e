// The reports' "how this is counted" notes in the reader's language: every note the hub can send
// (`counting` in server/reports/definitions.ts) has its string reportNote_<key> in English — the hub's
// own sentence — and a real Spanish and Arabic translation with the same {placeholders}.
import { describe, expect, it } from 'vitest';
import { counting } from '#server/reports/definitions.ts';
import { ar } from '../../agent-console/src/strings/ar.ts';
import { en } from '../../agent-console/src/strings/en.ts';
import { es } from '../../agent-console/src/strings/es.ts';

const keys = Object.keys(counting) as (keyof typeof counting)[];
const string = (dict: Record<string, string>, key: string) => dict[`reportNote_${key}`];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('report notes', () => {
  it('has the English of every note the hub sends, word for word, and no note the hub no longer sends', () => {
    for (const key of keys) expect(string(en, key), key).toBe(counting[key]);
    const noted = Object.keys(en).filter((k) => k.startsWith('reportNote_'));
    expect(noted.sort()).toEqual(keys.map((k) => `reportNote_${k}`).sort());
  });

  it.each([
    ['es', es],
    ['ar', ar],
  ] as const)('translates every note into %s, with the values it mentions', (_lang, dict) => {
    for (const key of keys) {
      const s = string(dict, key);
      expect(s, key).toBeTruthy();
      expect(s, key).not.toBe(counting[key]);
      expect(placeholders(s), key).toEqual(placeholders(counting[key]));
      if (counting[key].includes('QP-14')) expect(s, key).toContain('QP-14');
    }
  });

  it('starts each Arabic note with an Arabic word, so the page lays it out right to left', () => {
    // The notes are shown with dir="auto" (a note the console lacks is the hub's English).
    for (const key of keys) expect(string(ar, key), key).toMatch(/^[\u0600-\u06FF]/);
  });
});
