// The formatting an agent can give an e-mail reply: a small Markdown subset (bold, italic, inline code,
// links, bulleted and numbered lists, quotes, paragraphs) turned into HTML. The source stays the mail's
// plain-text part, readable as it is; the HTML part is built here, by the hub when it stores the reply and
// by the console for its preview, so both show the same thing. Everything typed is escaped first: no HTML
// an agent (or a pasted text) writes ever reaches the mail as markup.

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/** Inline marks of one (already escaped) line. */
function inline(escaped: string): string {
  const codes: string[] = [];
  // Inline code first: nothing inside it is formatted.
  let s = escaped.replace(/`([^`\n]+)`/g, (_m, code: string) => {
    codes.push(`<code>${code}</code>`);
    return `\uE000${codes.length - 1}\uE000`;
  });
  const links: string[] = [];
  const keep = (html: string) => {
    links.push(html);
    return `\uE001${links.length - 1}\uE001`;
  };
  s = s.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (m, text: string, url: string) =>
    SAFE_URL.test(url) ? keep(`<a href="${url}">${text}</a>`) : m,
  );
  s = s.replace(/\bhttps?:\/\/[^\s<]+[^\s<.,;:!?)'"&]/g, (url) => keep(`<a href="${url}">${url}</a>`));
  s = s
    .replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1<em>$2</em>');
  return s
    .replace(/\uE001(\d+)\uE001/g, (_m, i: string) => links[Number(i)])
    .replace(/\uE000(\d+)\uE000/g, (_m, i: string) => codes[Number(i)]);
}

type Block = { kind: 'p' | 'ul' | 'ol' | 'quote'; lines: string[] };

function kindOf(line: string): { kind: Block['kind']; text: string } | null {
  let m = /^\s*[-*•]\s+(.*)$/.exec(line);
  if (m) return { kind: 'ul', text: m[1] };
  m = /^\s*\d{1,3}[.)]\s+(.*)$/.exec(line);
  if (m) return { kind: 'ol', text: m[1] };
  m = /^\s*&gt;\s?(.*)$/.exec(line);
  if (m) return { kind: 'quote', text: m[1] };
  return line.trim() ? { kind: 'p', text: line } : null;
}

/** The HTML of a Markdown-lite text; empty input gives ''. */
export function markdownLiteToHtml(source: string): string {
  const blocks: Block[] = [];
  // The private-use characters the inline pass uses as placeholders never come from the text itself.
  const clean = source.replace(/\r\n?/g, '\n').replace(/[\uE000\uE001]/g, '');
  for (const line of escapeHtml(clean).split('\n')) {
    const k = kindOf(line);
    const last = blocks.at(-1);
    if (!k) {
      blocks.push({ kind: 'p', lines: [] }); // a blank line ends the block
      continue;
    }
    if (last && last.kind === k.kind && last.lines.length) last.lines.push(k.text);
    else blocks.push({ kind: k.kind, lines: [k.text] });
  }
  return blocks
    .filter((b) => b.lines.length)
    .map((b) => {
      const lines = b.lines.map(inline);
      if (b.kind === 'ul' || b.kind === 'ol')
        return `<${b.kind}>${lines.map((l) => `<li>${l}</li>`).join('')}</${b.kind}>`;
      if (b.kind === 'quote') return `<blockquote>${lines.join('<br>')}</blockquote>`;
      return `<p>${lines.join('<br>')}</p>`;
    })
    .join('');
}
