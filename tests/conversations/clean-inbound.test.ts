// A received mail's HTML loads nothing from the outside when an agent shows it formatted: a tracking pixel
// would tell the sender the mail was read, and when. Every way a mail can name a remote address is tried
// here; the only sources left are inline images (`cid:`) and remote ones deferred to `data-remote-src`.
import { describe, expect, it } from 'vitest';
import { cleanInboundHtml } from '#server/conversations/clean-inbound.ts';

const T = 'tracker.test';

/** What the cleaned HTML could still load: attributes that take an address (bar inline `cid:` images),
 * styles, and the tracker's name anywhere outside a deferred `data-remote-src="http(s)://…"`. */
function liveReferences(html: string): string[] {
  const rest = html.replace(/\sdata-remote-src="https?:\/\/[^"]*"/gi, '');
  const addresses = [
    ...rest.matchAll(
      /\s(src|srcset|href|xlink:href|poster|background|data|lowsrc|dynsrc|style|content|action)="([^"]*)"/gi,
    ),
  ]
    .filter((m) => !(m[1].toLowerCase() === 'src' && /^cid:/i.test(m[2])))
    .map((m) => m[0].trim());
  const named = rest.includes(T) ? [`${T} in ${rest}`] : [];
  return [...addresses, ...named];
}

const tricks: [string, string][] = [
  ['protocol-relative', `<img src="//${T}/p.gif">`],
  ['two backslashes', `<img src="\\\\${T}/p.gif">`],
  ['slash backslash', `<img src="/\\${T}/p.gif">`],
  ['backslash slash', `<img src="\\/${T}/p.gif">`],
  ['leading space', `<img src=" //${T}/p.gif">`],
  ['leading tab', `<img src="\t//${T}/p.gif">`],
  ['leading newline', `<img src="\n//${T}/p.gif">`],
  ['entity-encoded slashes', `<img src="&#x2F;&#x2F;${T}/p.gif">`],
  ['scheme with backslashes', `<img src="https:\\\\${T}/p.gif">`],
  ['scheme without slashes', `<img src="http:${T}/p.gif">`],
  ['scheme with one slash and a backslash', `<img src="https:/\\${T}/p.gif">`],
  ['control character in the scheme', `<img src="ht\ttps://${T}/p.gif">`],
  ['path on the hub', '<img src="/api/v1/me">'],
  ['relative file name', '<img src="p.gif">'],
  ['data: image', '<img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E">'],
  ['srcset', `<img srcset="//${T}/a.gif 1x, http://${T}/b.gif 2x">`],
  ['srcset beside an inline image', `<img src="cid:a@x" srcset="//${T}/p.gif 2x">`],
  ['picture source', `<picture><source srcset="//${T}/p.gif"><img src="cid:b@x"></picture>`],
  ['lowsrc and dynsrc', `<img lowsrc="//${T}/p.gif" dynsrc="//${T}/q.gif">`],
  ['style url()', `<div style="background:url(//${T}/p.gif)">x</div>`],
  ['style url() quoted', `<p style="background-image: url('http://${T}/p.gif')">x</p>`],
  ['style @import', `<style>@import url(//${T}/s.css); body{background:url(//${T}/p.gif)}</style>`],
  [
    'table background',
    `<table background="//${T}/p.gif"><tr><td background="\\\\${T}/q.gif">x</td></tr></table>`,
  ],
  ['body background', `<body background="//${T}/p.gif">x</body>`],
  ['svg image href', `<svg><image href="//${T}/p.gif"/></svg>`],
  ['svg image xlink:href', `<svg><image xlink:href="http://${T}/p.gif"/></svg>`],
  ['svg use', `<svg><use href="//${T}/s.svg#a"/></svg>`],
  ['link stylesheet', `<link rel="stylesheet" href="//${T}/s.css">`],
  ['link prefetch', `<link rel="prefetch" href="http://${T}/p">`],
  ['video poster', `<video poster="//${T}/p.gif" src="//${T}/v.mp4"></video>`],
  ['audio and source', `<audio src="//${T}/a.mp3"><source src="//${T}/b.mp3"></audio>`],
  ['input image', `<input type="image" src="//${T}/p.gif">`],
  ['object and embed', `<object data="//${T}/o"></object><embed src="//${T}/e">`],
  ['iframe', `<iframe src="//${T}/f"></iframe>`],
  ['meta refresh', `<meta http-equiv="refresh" content="0;url=//${T}/r">`],
  ['base href', `<base href="//${T}/"><img src="p.gif">`],
  ['a sender-made deferred address', `<img data-remote-src="//${T}/p.gif">`],
  ['a sender-made deferred script', '<img src="cid:c@x" data-remote-src="javascript:alert(1)">'],
];

describe('e-mail HTML: no remote loads', () => {
  it.each(tricks)('%s loads nothing', (_name, html) => {
    const clean = cleanInboundHtml(html);
    expect(liveReferences(clean)).toEqual([]);
    // A deferred address is only ever http(s), never a script or a relative trick.
    for (const m of clean.matchAll(/data-remote-src="([^"]*)"/gi)) expect(m[1]).toMatch(/^https?:\/\//i);
  });

  it('defers http(s) images to data-remote-src and keeps inline ones and the text', () => {
    const clean = cleanInboundHtml(
      `<p>Hello <b>Ana</b></p><img src="HTTPS://${T}/p.gif" alt="pixel"><img src="http://${T}/logo.png"><img src="cid:logo@acme" alt="logo">`,
    );
    expect(clean).toContain('<p>Hello <b>Ana</b></p>');
    expect(clean).toContain(`data-remote-src="HTTPS://${T}/p.gif"`);
    expect(clean).toContain(`data-remote-src="http://${T}/logo.png"`);
    expect(clean).toContain('<img src="cid:logo@acme" alt="logo" />');
    expect(clean).not.toMatch(/\ssrc="https?:/i);
  });

  it('keeps links (they load only when the agent clicks them)', () => {
    expect(cleanInboundHtml('<a href="https://acme.example/faq">FAQ</a>')).toBe(
      '<a href="https://acme.example/faq">FAQ</a>',
    );
  });
});
