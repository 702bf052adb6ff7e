// A text's length counted the weighted way (twitter-text's v3 configuration, the rule a network with a
// 280-unit limit applies; no twitter-text package for Node is installed here, so its documented rules are
// written out): text in NFC, each URL counts 23 whatever its length, an emoji (a whole grapheme, skin tone
// and joiners included) counts 2, characters in the Latin, general punctuation and similar ranges count 1,
// every other character (CJK, most scripts) counts 2. URLs are found by scheme (http/https) or a `www.`
// start, and bare domains with a common top-level domain — twitter-text knows every TLD; a rare one here
// counts as text. Pure and dependency-free: the hub refuses with it and the console counts with it live.

const URL_WEIGHT = 23;
/** twitter-text v3: [start, end] code point ranges that weigh 1; everything else weighs 2. */
const LIGHT_RANGES: [number, number][] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

const URL_PATTERN =
  /\b(?:https?:\/\/[^\s<>"]+|www\.[^\s<>"]+|(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|co|me|app|dev|info|biz|ly|gl|tv|uk|de|fr|es|it|br|bo|ar|mx|cl|pe|us|ca|au|jp|in)\b(?:\/[^\s<>"]*)?)/giu;
/** Trailing punctuation belongs to the sentence, not the URL (twitter-text trims it too). */
const TRAILING = /[.,;:!?)\]}'"]+$/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function weightOfText(text: string): number {
  let weight = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (EMOJI.test(segment)) {
      weight += 2;
      continue;
    }
    for (const ch of segment) {
      const cp = ch.codePointAt(0) ?? 0;
      weight += LIGHT_RANGES.some(([a, b]) => cp >= a && cp <= b) ? 1 : 2;
    }
  }
  return weight;
}

/** The weighted length of `text`. */
export function weightedLength(text: string): number {
  const normal = text.normalize('NFC');
  let weight = 0;
  let last = 0;
  for (const match of normal.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, '');
    const start = match.index;
    weight += weightOfText(normal.slice(last, start)) + URL_WEIGHT;
    last = start + url.length;
  }
  return weight + weightOfText(normal.slice(last));
}

/** How a channel counts a text against its limit (a channel capability, `textLength`). */
export type TextLengthRule = 'characters' | 'weighted';

/** `text`'s length under `rule`: UTF-16 characters as JavaScript counts them, or weighted. */
export const lengthOf = (text: string, rule: TextLengthRule): number =>
  rule === 'weighted' ? weightedLength(text) : text.length;
