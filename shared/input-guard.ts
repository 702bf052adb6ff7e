// One rule for everything a client sends (REST bodies and queries, socket payloads), checked at the edge
// before any schema: no string (value or key) carries a NUL or an unpaired UTF-16 surrogate, which
// PostgreSQL's text and jsonb refuse (or the driver silently turns into U+FFFD); no key is `__proto__`;
// nothing nests deeper than a real payload does. Without it each of these reached the database or a
// recursive helper and came back as a 500. The walk is iterative, so the depth check itself cannot
// overflow the stack on `[[[[…]]]]`.

/** Deeper than any body, query or event the hub defines (inbox settings are about 6 levels deep). */
export const MAX_INPUT_DEPTH = 32;

export type InputProblem = {
  code: 'invalid_text' | 'validation_failed';
  /** Where, as `a.b.0.c` ('' for the value itself). */
  path: string;
  message: string;
};

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate, which is not text';
  return null;
}

type Node = { value: unknown; depth: number; key: string; parent: Node | null };

const pathOf = (n: Node | null): string => {
  const keys: string[] = [];
  for (let at = n; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
};

/**
 * The first thing in `value` the hub refuses to take, or null when all of it is well-formed. With
 * `text: false`, only the shape is looked at (nesting, prototype keys), for storableCopy to clean the text.
 */
export function inputProblem(value: unknown, opts: { text?: boolean } = {}): InputProblem | null {
  const checkText = opts.text ?? true;
  const stack: Node[] = [{ value, depth: 0, key: '', parent: null }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const { value: v } = node;
    if (typeof v === 'string') {
      const problem = checkText ? textProblem(v) : null;
      if (problem) return { code: 'invalid_text', path: pathOf(node), message: problem };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (node.depth >= MAX_INPUT_DEPTH) {
      return {
        code: 'validation_failed',
        path: pathOf(node),
        message: `nested more than ${MAX_INPUT_DEPTH} levels deep`,
      };
    }
    const entries: [string, unknown][] = Array.isArray(v)
      ? v.map((item, i) => [String(i), item])
      : Object.entries(v as Record<string, unknown>);
    for (const [key, item] of entries) {
      const child: Node = { value: item, depth: node.depth + 1, key, parent: node };
      const keyProblem = checkText ? textProblem(key) : null;
      if (keyProblem) return { code: 'invalid_text', path: pathOf(child), message: `its name ${keyProblem}` };
      if (key === '__proto__') {
        return {
          code: 'validation_failed',
          path: pathOf(child),
          message: 'a key may not be named __proto__',
        };
      }
      stack.push(child);
    }
  }
  return null;
}

/** "where: what", for an error message. */
export const describeInputProblem = (p: InputProblem): string => (p.path ? `${p.path}: ` : '') + p.message;

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const storable = (s: string) => s.replaceAll('\u0000', '').replace(LONE_SURROGATES, '\ufffd');

/**
 * A copy of `value` whose every string (value or key) can be stored: NUL dropped, an unpaired surrogate
 * made U+FFFD. For what a provider sends (a signed webhook), which it cannot correct: keeping the
 * customer's message beats refusing it. Check the shape first (`inputProblem(value, {text: false})`):
 * the copy recurses.
 */
export function storableCopy(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(storableCopy);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storableCopy(v)]));
}
