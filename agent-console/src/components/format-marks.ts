// The e-mail composer's formatting buttons: each wraps or prefixes the selected text with the mark that
// shared/markdown-lite.ts understands, and says where the selection goes afterwards. Pressing a wrap twice
// takes the mark off again.

export type Mark = 'bold' | 'italic' | 'list' | 'numbered' | 'quote' | 'link';
export type Edit = { text: string; start: number; end: number };

const WRAPS: Partial<Record<Mark, string>> = { bold: '**', italic: '_' };

export function applyMark(text: string, start: number, end: number, mark: Mark): Edit {
  const wrap = WRAPS[mark];
  if (wrap) {
    const before = text.slice(0, start);
    const after = text.slice(end);
    if (before.endsWith(wrap) && after.startsWith(wrap)) {
      return {
        text: before.slice(0, -wrap.length) + text.slice(start, end) + after.slice(wrap.length),
        start: start - wrap.length,
        end: end - wrap.length,
      };
    }
    return {
      text: before + wrap + text.slice(start, end) + wrap + after,
      start: start + wrap.length,
      end: end + wrap.length,
    };
  }
  if (mark === 'link') {
    const label = text.slice(start, end) || 'link';
    const inserted = `[${label}](https://)`;
    const urlAt = start + label.length + 3; // after "[label]("
    return {
      text: text.slice(0, start) + inserted + text.slice(end),
      start: urlAt,
      end: urlAt + 'https://'.length,
    };
  }
  // Line marks: every line the selection touches.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nextBreak = text.indexOf('\n', Math.max(end - (end > start ? 1 : 0), start));
  const lineEnd = nextBreak === -1 ? text.length : nextBreak;
  const lines = text.slice(lineStart, lineEnd).split('\n');
  const prefix = (i: number) => (mark === 'list' ? '- ' : mark === 'numbered' ? `${i + 1}. ` : '> ');
  const marked = lines.map((l, i) => prefix(i) + l).join('\n');
  return {
    text: text.slice(0, lineStart) + marked + text.slice(lineEnd),
    start: lineStart,
    end: lineStart + marked.length,
  };
}

/** Addresses typed in a cc/bcc field (comma, semicolon or space separated) and which of them are not. */
export function parseAddresses(input: string): { addresses: string[]; invalid: string[] } {
  const parts = input
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const ok = (a: string) => /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/.test(a);
  return {
    addresses: [...new Set(parts.filter(ok).map((a) => a.toLowerCase()))],
    invalid: parts.filter((p) => !ok(p)),
  };
}

type MailMessage = { direction: string; email?: { from: string | null; to: string[]; cc: string[] } };

/**
 * Whom a reply should copy by default: the people the customer copied on their latest mail, minus the
 * hub's own addresses (the To of what the customer wrote, and the From of what we sent).
 */
export function replyCopies(messages: MailMessage[]): string[] {
  const lastIn = messages.findLast((m) => m.direction === 'in' && m.email);
  if (!lastIn?.email) return [];
  const ours = new Set(
    [
      ...lastIn.email.to,
      ...messages.filter((m) => m.direction === 'out').map((m) => m.email?.from ?? ''),
      lastIn.email.from ?? '',
    ].map((a) => a.toLowerCase()),
  );
  return [...new Set(lastIn.email.cc.map((a) => a.toLowerCase()))].filter((a) => a && !ours.has(a));
}
