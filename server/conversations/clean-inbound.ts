// What a channel hands over is cleaned once, before anything is stored: NUL characters go (PostgreSQL
// text and jsonb cannot hold them), and customer HTML keeps only what is safe to show an agent.
import sanitizeHtml from 'sanitize-html';
import type { InboundMessage } from '#shared/channels.ts';

// Scripts and styles never survive, and remote images are not loaded (a tracking pixel tells the sender
// the mail was read): their address moves to `data-remote-src`, for the console to load on the agent's
// request. Inline images (`cid:`) stay, and are served from the stored attachment (serialize.ts, through
// meta.inlineImages). An image keeps a `src` only when it is `cid:`: anything else a browser would still
// resolve against the page — `//host`, `\\host`, `/\host`, a path on the hub — is dropped, and only an
// http(s) address is deferred, never one the sender wrote into `data-remote-src` themselves. Every other
// way to name an address (srcset, style url(), background, svg, link, video poster ...) is not allowed.
const htmlPolicy: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img'],
  allowedAttributes: {
    ...sanitizeHtml.defaults.allowedAttributes,
    img: ['src', 'alt', 'width', 'height', 'data-remote-src'],
  },
  allowedSchemesByTag: { img: ['cid'] },
  transformTags: {
    img: (tagName, attribs) => {
      const { src, 'data-remote-src': _sentAsDeferred, ...rest } = attribs;
      // Browsers ignore the whitespace around an address, so it decides nothing here either.
      const address = src?.trim() ?? '';
      if (/^cid:/i.test(address)) return { tagName, attribs: { src: address, ...rest } };
      if (/^https?:\/\//i.test(address)) return { tagName, attribs: { ...rest, 'data-remote-src': address } };
      return { tagName, attribs: rest };
    },
  },
};

export const cleanInboundHtml = (html: string): string => sanitizeHtml(html, htmlPolicy);

/** Broken mail and buggy clients do send U+0000; it is dropped from every text the message carries. */
export function withoutNul(m: InboundMessage): InboundMessage {
  const clean = (v: string | undefined) => (v?.includes('\u0000') ? v.replaceAll('\u0000', '') : v);
  const metaJson = m.meta ? JSON.stringify(m.meta) : '';
  return {
    ...m,
    text: clean(m.text),
    html: clean(m.html),
    subject: clean(m.subject),
    sender: {
      ...m.sender,
      externalId: clean(m.sender.externalId)!,
      name: clean(m.sender.name),
      email: clean(m.sender.email),
      phone: clean(m.sender.phone),
    },
    externalId: clean(m.externalId)!,
    threadKey: clean(m.threadKey)!,
    // In JSON a NUL is the escape \u0000 — unless its backslash is itself escaped (a literal "\u0000").
    ...(metaJson.includes('\\u0000')
      ? { meta: JSON.parse(metaJson.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1')) }
      : {}),
  };
}
