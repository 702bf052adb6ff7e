// The observation a form composes from its answers (the 109 procedure, step 3.2: the requester's name, CI
// and relationship when they are not the holder). A small template language, checked when an admin saves
// it so a typo is refused there, not pasted into the CRM:
//   {{key}}                                   the answer, as the observation's language writes it
//   {{#if key}} … {{else}} … {{/if}}          a part kept when the answer is given and is not "no"
//   {{#unless key}} … {{/unless}}             the opposite
// Blocks nest. Runs in the browser too: no Node-only code.

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; field: string }
  | { kind: 'block'; test: 'if' | 'unless'; field: string; kept: Node[]; otherwise: Node[] };

export type TemplateProblem = {
  code: 'form_bad_template' | 'form_unknown_field';
  message: string;
  field?: string;
};

const tag = /\{\{\s*([#/]?)\s*([A-Za-z_][A-Za-z0-9_.-]*)(?:\s+([A-Za-z0-9_.-]+))?\s*\}\}/g;

type Parsed = { ok: true; nodes: Node[] } | { ok: false; problem: TemplateProblem };

export function parseTemplate(template: string): Parsed {
  const root: Node[] = [];
  // The open blocks, innermost last, with the list their next nodes go to.
  const stack: { block: Extract<Node, { kind: 'block' }>; inElse: boolean }[] = [];
  const target = () => {
    const top = stack.at(-1);
    if (!top) return root;
    return top.inElse ? top.block.otherwise : top.block.kept;
  };
  const bad = (message: string): Parsed => ({ ok: false, problem: { code: 'form_bad_template', message } });
  let last = 0;
  for (const m of template.matchAll(tag)) {
    const before = template.slice(last, m.index);
    if (/\{\{|\}\}/.test(before)) return bad(`"${snippet(before)}" is not a {{…}} the template knows`);
    if (before) target().push({ kind: 'text', text: before });
    last = m.index + m[0].length;
    const [, sigil, word, arg] = m;
    if (sigil === '#') {
      if ((word !== 'if' && word !== 'unless') || !arg)
        return bad(`{{#${word}}} must be {{#if key}} or {{#unless key}}`);
      const block: Extract<Node, { kind: 'block' }> = {
        kind: 'block',
        test: word,
        field: arg,
        kept: [],
        otherwise: [],
      };
      target().push(block);
      stack.push({ block, inElse: false });
    } else if (sigil === '/') {
      const top = stack.pop();
      if (!top || top.block.test !== word || arg) return bad(`{{/${word}}} closes no open {{#${word}}}`);
    } else if (word === 'else' && !arg) {
      const top = stack.at(-1);
      if (!top || top.inElse) return bad('{{else}} belongs inside one {{#if}} or {{#unless}}');
      top.inElse = true;
    } else if (arg) {
      return bad(`{{${word} ${arg}}}: a value is written {{key}}`);
    } else {
      target().push({ kind: 'value', field: word });
    }
  }
  const rest = template.slice(last);
  if (/\{\{|\}\}/.test(rest)) return bad(`"${snippet(rest)}" is not a {{…}} the template knows`);
  if (rest) target().push({ kind: 'text', text: rest });
  const open = stack.at(-1);
  if (open)
    return bad(`{{#${open.block.test} ${open.block.field}}} is never closed with {{/${open.block.test}}}`);
  return { ok: true, nodes: root };
}

const snippet = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s).trim();

/** Every field the template names, in order, each once. */
function fieldsOf(nodes: Node[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.kind === 'text') continue;
    if (!out.includes(n.field)) out.push(n.field);
    if (n.kind === 'block') {
      fieldsOf(n.kept, out);
      fieldsOf(n.otherwise, out);
    }
  }
  return out;
}

/** What is wrong with a template for a form with these field keys (empty: nothing). */
export function templateProblems(template: string, keys: readonly string[]): TemplateProblem[] {
  const parsed = parseTemplate(template);
  if (!parsed.ok) return [parsed.problem];
  return fieldsOf(parsed.nodes)
    .filter((f) => !keys.includes(f))
    .map((field) => ({
      code: 'form_unknown_field' as const,
      field,
      message: `the observation names {{${field}}}, which is no field of this form`,
    }));
}

/**
 * The observation for these answers. `shown(key)` is the answer as text ('' when not given); `given(key)`
 * whether a block's test holds. Runs of spaces left by an empty part are closed up.
 */
export function renderTemplate(
  template: string,
  shown: (key: string) => string,
  given: (key: string) => boolean,
): string {
  const parsed = parseTemplate(template);
  if (!parsed.ok) return '';
  const walk = (nodes: Node[]): string =>
    nodes
      .map((n) => {
        if (n.kind === 'text') return n.text;
        if (n.kind === 'value') return shown(n.field);
        const holds = given(n.field) === (n.test === 'if');
        return walk(holds ? n.kept : n.otherwise);
      })
      .join('');
  return walk(parsed.nodes)
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t]+/g, ' ')
        .replace(/ ([.,;:])/g, '$1')
        .trim(),
    )
    .join('\n')
    .trim();
}
