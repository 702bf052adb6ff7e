// The document a received mail's HTML is shown in (message-body.tsx puts it in a sandboxed frame): the
// hub has already cleaned the HTML so that it names nothing to load but inline `cid:` images, which the
// hub points at its own attachment links (remote images wait in `data-remote-src`). Links open in a tab.
export const mailDocument = (html: string): string =>
  `<!doctype html><meta charset="utf-8"><base target="_blank"><style>body{font:14px/1.45 system-ui,sans-serif;margin:0}img{max-width:100%}</style>${html}`;
