// The chat app inside the iframe (/widget/frame). It talks to the loader on the host page by postMessage
// (the parent's origin is taken from its first `init` and checked on every later message) and to the hub
// over the /widget socket, which it opens only once the loader says so.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { onColor, safeColor } from '../contrast.ts';
import { dirOf, langs, pickLang } from '../i18n.ts';
import type { Lang, Message, ToApp, ToLoader, Unmarked, WidgetConfig } from '../types.ts';
import { Composer } from './composer.tsx';
import { Offline, PreChat, Survey } from './forms.tsx';
import { Messages } from './messages.tsx';
import { createSession, type State } from './session.ts';
import { localStore } from './storage.ts';
import { fill, strings } from './strings.ts';

const q = new URLSearchParams(location.search);
const inbox = q.get('inbox') ?? '';
const base = location.origin;
const store = localStore(inbox, (key, value) => toLoader({ type: 'store', key, value }));
const embedded = parent !== window;
let parentOrigin: string | null = null;

const toLoader = (m: Unmarked<ToLoader>) => {
  if (embedded && (parentOrigin || m.type === 'ready'))
    parent.postMessage({ hub: 1, ...m }, parentOrigin ?? '*');
};

const repliesIn = (s: number, t: (typeof strings)['en']) =>
  s < 60
    ? t.seconds
    : s < 3600
      ? fill(t.minutes, { n: Math.round(s / 60) })
      : fill(t.hours, { n: Math.round(s / 3600) });

const session = createSession({
  base,
  inbox,
  store,
  onChange: (s) => setState?.(s),
  onAgentMessage: (message: Message) => toLoader({ type: 'message', message }),
  onSession: (ongoing) => toLoader({ type: 'session', ongoing }),
});
let setState: ((s: State) => void) | undefined;

function App({ config }: { config: WidgetConfig }) {
  const [s, set] = useState<State>(session.state);
  const [visible, setVisible] = useState(!embedded);
  const [lang, setLang] = useState<Lang>(
    pickLang(store.get('lang'), q.get('lang'), config.language, navigator.language),
  );
  const [preChatDone, setPreChatDone] = useState(Boolean(store.get('prechat')));
  const input = useRef<HTMLTextAreaElement>(null);
  const t = strings[lang];
  setState = set;

  const offlineView = !config.online && config.offlineForm && !s.conversation;
  const preChatView =
    !offlineView &&
    config.preChat.enabled &&
    config.preChat.fields.length > 0 &&
    !preChatDone &&
    !s.conversation;

  session.setLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dirOf(lang);
    toLoader({ type: 'lang', lang });
  }, [lang]);
  useEffect(() => toLoader({ type: 'unread', count: s.unread }), [s.unread]);
  const body = useRef<HTMLElement>(null);
  useEffect(() => {
    body.current?.scrollTo({ top: body.current.scrollHeight });
  }, [s.items.length, s.agentTyping, Boolean(s.survey)]);
  useEffect(() => {
    session.setVisible(visible);
    if (!visible) return;
    // Focus goes to the first thing to fill in: a form's first field or the message box.
    requestAnimationFrame(() => {
      const first = document.querySelector<HTMLElement>('.pane input, .pane textarea') ?? input.current;
      first?.focus();
    });
  }, [visible, offlineView, preChatView]);
  useEffect(() => {
    const onMsg = (e: MessageEvent<ToApp>) => {
      const d = e.data;
      if (e.source !== parent || d?.hub !== 1) return;
      if (!parentOrigin && d.type === 'init') parentOrigin = e.origin;
      if (e.origin !== parentOrigin) return;
      if (d.type === 'init') {
        store.seed(d.storage ?? {});
        setPreChatDone(Boolean(store.get('prechat')));
        const saved = store.get('lang');
        if (saved) {
          setLang(pickLang(saved));
          session.setLanguage(pickLang(saved));
        }
        if (d.identity) session.setIdentity(d.identity);
        setVisible(d.visible);
        if (config.online || store.get('visitor') || !config.offlineForm) session.connect();
      } else if (d.type === 'visible') {
        setVisible(d.visible);
        if (d.visible && (config.online || !config.offlineForm)) session.connect();
      } else if (d.type === 'identify') session.setIdentity(d.identity);
    };
    addEventListener('message', onMsg);
    addEventListener('keydown', (e) => e.key === 'Escape' && embedded && toLoader({ type: 'close' }));
    addEventListener('offline', session.dropNow);
    addEventListener('online', session.reconnectNow);
    if (embedded) toLoader({ type: 'ready' });
    else if (config.online || store.get('visitor') || !config.offlineForm) session.connect();
  }, []);

  const close = () => toLoader({ type: 'close' });
  const status =
    s.connection === 'offline' && typeof navigator.onLine === 'boolean' && !navigator.onLine
      ? t.offlineNet
      : s.connection === 'connecting'
        ? t.connecting
        : !config.online
          ? t.away
          : config.usuallyRepliesInSeconds != null
            ? fill(t.replies, { t: repliesIn(config.usuallyRepliesInSeconds, t) })
            : '';
  const color = safeColor(config.color);
  const fetchBlob = async (id: string) => {
    const r = await fetch(`${base}/api/v1/widget/attachments/${encodeURIComponent(id)}`, {
      headers: { 'X-Inbox-Token': inbox, 'X-Visitor-Token': s.visitorToken ?? '' },
    });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.blob();
  };

  return (
    <div class="w" dir={dirOf(lang)} lang={lang} style={{ '--c': color, '--on': onColor(color) }}>
      <header class="head">
        <div class="ttl">
          <h1 dir="auto">{config.title ?? t.title}</h1>
          {status && <p class="sub">{status}</p>}
        </div>
        <select
          aria-label={t.language}
          value={lang}
          onChange={(e) => {
            const l = pickLang(e.currentTarget.value);
            store.set('lang', l);
            setLang(l);
          }}
        >
          {langs.map((l) => (
            <option key={l} value={l}>
              {l === 'es' ? 'Español' : l === 'en' ? 'English' : 'العربية'}
            </option>
          ))}
        </select>
        {embedded && (
          <button type="button" class="icon x" aria-label={t.close} title={t.close} onClick={close}>
            ✕
          </button>
        )}
      </header>
      <div class="sr" aria-live="polite" aria-atomic="true">
        {s.announce && `${t.newMessage}. ${t.agent}: ${s.announce}`}
      </div>
      {s.fatal ? (
        <p class="pane err">{s.fatal === 'rate_limited' ? t.limited : t.error}</p>
      ) : offlineView ? (
        <Offline
          t={t}
          hint={
            config.usuallyRepliesInSeconds != null
              ? fill(t.replies, { t: repliesIn(config.usuallyRepliesInSeconds, t) })
              : null
          }
          onSubmit={async (v) => {
            const r = await fetch(`${base}/api/v1/widget/offline`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'X-Inbox-Token': inbox },
              body: JSON.stringify({ ...v, phone: v.phone || undefined }),
            }).catch(() => null);
            if (r?.ok) return { ok: true };
            const body = await r?.json().catch(() => null);
            return { ok: false, error: body?.error ?? { message: t.error } };
          }}
        />
      ) : preChatView ? (
        <PreChat
          fields={config.preChat.fields}
          t={t}
          onSubmit={async (values) => {
            const { name, email, phone, nationalId, ...fields } = values;
            const res = await session.identify({ name, email, phone, nationalId, fields });
            if (res.ok) {
              store.set('prechat', '1');
              setPreChatDone(true);
            }
            return res;
          }}
        />
      ) : (
        <>
          <main class="body" ref={body}>
            <Messages
              items={s.items}
              greeting={config.greeting}
              t={t}
              lang={lang}
              typing={s.agentTyping}
              queue={s.queue}
              retry={(key) => session.retry(key)}
              fetchBlob={fetchBlob}
            />
            {s.survey && (
              <Survey
                t={t}
                farewell={s.survey.farewell ?? config.farewell ?? t.farewell}
                submit={(rating, comment) => session.submitSurvey(rating, comment)}
                transcript={(email) => session.requestTranscript(email)}
              />
            )}
          </main>
          <Composer
            session={session}
            config={config}
            t={t}
            canAttach={Boolean(s.visitorToken)}
            inputRef={input}
          />
        </>
      )}
    </div>
  );
}

fetch(`${base}/api/v1/widget/config?inbox=${encodeURIComponent(inbox)}`)
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
  .then(({ data }: { data: WidgetConfig }) => render(<App config={data} />, document.getElementById('app')!))
  .catch(() => {
    document.getElementById('app')!.textContent = strings[pickLang(q.get('lang'))].error;
  });
