// GET /widget.js: the few bytes every page of a customer's site loads. It reads its script tag, fetches
// the inbox's public config and draws the launcher inside a shadow root (host CSS cannot reach in, ours
// cannot leak out). The chat app lives in an iframe from the hub, created only when the visitor opens the
// widget — or, hidden, when this browser has an ongoing conversation — so no socket is opened before.
import { onColor, safeColor } from './contrast.ts';
import { pickLang } from './i18n.ts';
import type { Identity, Lang, Message, ToApp, ToLoader, Unmarked, WidgetConfig } from './types.ts';

const labels: Record<Lang, [string, string]> = {
  es: ['Abrir el chat', 'Cerrar el chat'],
  en: ['Open chat', 'Close chat'],
  ar: ['فتح المحادثة', 'إغلاق المحادثة'],
};
const icon =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z"/></svg>';

type Api = {
  open(): void;
  close(): void;
  identify(user: Identity['user'], hash: string): void;
  on(event: 'message', fn: (m: Message) => void): void;
};
const w = window as Window & { HubWidget?: Api };
const script = (document.currentScript ??
  document.querySelector('script[data-inbox]')) as HTMLScriptElement | null;
const inbox = script?.dataset.inbox;

if (script && inbox && !w.HubWidget) {
  const base = new URL(script.src, location.href).origin;
  // The app's state lives here, in the host site's (first-party) storage: browsers that partition or
  // block third-party storage would otherwise forget the visitor inside the iframe.
  const prefix = `hub:${inbox}:`;
  const store = (name: string, v?: string | null) => {
    try {
      if (v === undefined) return localStorage.getItem(prefix + name);
      if (v) localStorage.setItem(prefix + name, v);
      else localStorage.removeItem(prefix + name);
    } catch {}
    return null;
  };
  const stored = () => {
    const all: Record<string, string> = {};
    for (const k of ['visitor', 'outbox', 'prechat', 'lang']) {
      const v = store(k);
      if (v) all[k] = v;
    }
    return all;
  };
  const handlers: ((m: Message) => void)[] = [];
  let lang: Lang = 'es';
  let frame: HTMLIFrameElement | null = null;
  let panel: HTMLElement | null = null;
  let btn: HTMLButtonElement | null = null;
  let badge: HTMLElement | null = null;
  let greet: HTMLElement | null = null;
  let host: HTMLElement | null = null;
  let isOpen = false;
  let wantOpen = script.dataset.open === 'true';
  let identity: Identity | null = null;
  let ready = false;

  const post = (m: Unmarked<ToApp>) => frame?.contentWindow?.postMessage({ hub: 1, ...m }, base);

  const mkFrame = () => {
    if (frame || !panel) return;
    frame = document.createElement('iframe');
    frame.title = labels[lang][0];
    frame.src = `${base}/widget/frame?inbox=${encodeURIComponent(inbox)}&lang=${lang}`;
    panel.append(frame);
  };

  const label = () => btn?.setAttribute('aria-label', labels[lang][isOpen ? 1 : 0]);

  const show = (open: boolean, focusBack = true) => {
    if (!panel || !btn) {
      wantOpen = open;
      return;
    }
    const hadFocus = document.activeElement === host;
    isOpen = open;
    if (open) mkFrame();
    panel.hidden = !open;
    if (greet) greet.hidden = true;
    btn.setAttribute('aria-expanded', String(open));
    label();
    if (open) {
      badge!.hidden = true;
      frame?.focus();
    } else if (focusBack && hadFocus) btn.focus();
    if (ready) post({ type: 'visible', visible: open });
  };

  const render = (c: WidgetConfig) => {
    const color = safeColor(c.color);
    const side = c.position === 'left' ? 'left' : 'right';
    host = document.createElement('hub-chat-widget');
    const root = host.attachShadow({ mode: 'open' });
    const css = `:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;bottom:20px!important;${side}:20px!important;top:auto!important;width:auto!important;height:auto!important;visibility:visible!important;opacity:1!important;transform:none!important}
*{box-sizing:border-box}
.b{all:unset;box-sizing:border-box;width:60px;height:60px;border-radius:50%;background:${color};color:${onColor(color)};cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.3);display:flex;align-items:center;justify-content:center;position:relative}
.b:focus-visible{outline:3px solid #000;outline-offset:2px;box-shadow:0 0 0 5px #fff}
svg{width:28px;height:28px;fill:currentColor}
.u{position:absolute;top:-4px;${side}:-4px;min-width:20px;height:20px;border-radius:10px;background:#b91c1c;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center;padding:0 5px}
.p{position:absolute;bottom:76px;${side}:0;width:370px;height:min(600px,calc(100vh - 110px));border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.3);background:#fff}
.g{position:absolute;bottom:72px;${side}:0;width:max-content;max-width:260px;background:#fff;color:#111827;font:14px/1.4 system-ui,sans-serif;padding:10px 14px;border-radius:10px;box-shadow:0 4px 14px rgba(0,0,0,.25)}
[hidden]{display:none!important}
iframe{border:0;width:100%;height:100%;display:block;background:#fff}
@media (max-width:480px){.p{position:fixed;inset:0;width:100vw;height:100vh;border-radius:0}}`;
    root.innerHTML = `<style>${css}</style><div class="p" hidden></div><div class="g" hidden dir="auto"></div><button class="b" type="button" aria-expanded="false">${icon}<span class="u" hidden></span></button>`;
    panel = root.querySelector('.p');
    greet = root.querySelector('.g');
    btn = root.querySelector('.b');
    badge = root.querySelector('.u');
    label();
    if (c.greeting && !store('visitor')) {
      greet!.textContent = c.greeting;
      greet!.hidden = false;
    }
    btn!.onclick = () => show(!isOpen);
    document.body.append(host);
    if (wantOpen) show(true);
    else if (store('ongoing')) mkFrame();
  };

  addEventListener('message', (e: MessageEvent<ToLoader>) => {
    const d = e.data;
    if (e.origin !== base || !frame || e.source !== frame.contentWindow || d?.hub !== 1) return;
    if (d.type === 'ready') {
      ready = true;
      post({ type: 'init', visible: isOpen, identity, storage: stored() });
    } else if (d.type === 'close') show(false);
    else if (d.type === 'unread' && badge) {
      badge.textContent = String(d.count);
      badge.hidden = isOpen || !d.count;
    } else if (d.type === 'session') store('ongoing', d.ongoing ? '1' : null);
    else if (d.type === 'store' && ['visitor', 'outbox', 'prechat', 'lang'].includes(d.key))
      store(d.key, d.value);
    else if (d.type === 'message') for (const fn of handlers) fn(d.message);
    else if (d.type === 'lang') {
      lang = d.lang;
      label();
    }
  });

  w.HubWidget = {
    open: () => show(true),
    close: () => show(false),
    identify(user, hash) {
      identity = { user, hash };
      if (ready) post({ type: 'identify', identity });
    },
    on(event, fn) {
      if (event === 'message') handlers.push(fn);
    },
  };

  fetch(`${base}/api/v1/widget/config?inbox=${encodeURIComponent(inbox)}`)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then(({ data }: { data: WidgetConfig }) => {
      lang = pickLang(script.dataset.lang, data.language, navigator.language);
      const go = () => render(data);
      if (document.body) go();
      else addEventListener('DOMContentLoaded', go);
    })
    .catch((err: unknown) => console.warn('[hub widget] not loaded:', err));
}
