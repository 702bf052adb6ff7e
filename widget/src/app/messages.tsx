// The message list: bubbles with dir="auto" (Arabic and Latin side by side), links built as DOM nodes from
// the text (never HTML), images fetched with the visitor's headers and shown from a blob URL.
import { useEffect, useState } from 'preact/hooks';
import type { Item } from './session.ts';
import type { Strings } from './strings.ts';

const urlRe = /\bhttps?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]]/gi;

export function linkify(text: string) {
  const out: (string | preact.JSX.Element)[] = [];
  let last = 0;
  for (const m of text.matchAll(urlRe)) {
    out.push(text.slice(last, m.index));
    out.push(
      <a href={m[0]} target="_blank" rel="noopener noreferrer">
        {m[0]}
      </a>,
    );
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

export type Fetcher = (id: string) => Promise<Blob>;

function Att({ a, t, fetchBlob }: { a: Item['attachments'][number]; t: Strings; fetchBlob: Fetcher }) {
  const image = a.mime.startsWith('image/');
  const [url, setUrl] = useState(a.localUrl);
  useEffect(() => {
    if (url || !image || !a.id) return;
    let u: string | undefined;
    fetchBlob(a.id)
      .then((b) => {
        u = URL.createObjectURL(b);
        setUrl(u);
      })
      .catch(() => {});
    return () => u && URL.revokeObjectURL(u);
  }, [a.id]);
  const download = async () => {
    if (!a.id) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await fetchBlob(a.id));
    link.download = a.name;
    link.click();
  };
  if (image && url) return <img class="img" src={url} alt={a.name} />;
  return (
    <button type="button" class="file" onClick={download} aria-label={`${t.download}: ${a.name}`}>
      📎 <span dir="auto">{a.name}</span>
    </button>
  );
}

export function Messages(props: {
  items: Item[];
  greeting: string | null;
  t: Strings;
  lang: string;
  typing: boolean;
  queue: { position: number; etaSeconds: number | null } | null;
  retry(key: string): void;
  fetchBlob: Fetcher;
}) {
  const { t } = props;
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(props.lang, { hour: '2-digit', minute: '2-digit' });
  return (
    <ol class="list" aria-label={t.title}>
      {props.greeting && (
        <li class="m">
          <div class="bb" dir="auto">
            {props.greeting}
          </div>
        </li>
      )}
      {props.items.map((i) => (
        <li key={i.key} class={i.mine ? 'm me' : 'm'} data-state={i.state ?? undefined}>
          <span class="sr">{i.mine ? t.you : t.agent}: </span>
          {(i.text || !i.attachments.length) && (
            <div class="bb" dir="auto">
              {linkify(i.text)}
            </div>
          )}
          {i.attachments.map((a) => (
            <Att key={a.id ?? a.name} a={a} t={t} fetchBlob={props.fetchBlob} />
          ))}
          {i.progress !== undefined && i.state === 'sending' && (
            <progress max={1} value={i.progress} aria-label={t.sending} />
          )}
          <div class="meta">
            <time dateTime={i.createdAt}>{time(i.createdAt)}</time>
            {i.state && (
              <span class={`st ${i.state}`}> · {i.error === 'rate_limited' ? t.limited : t[i.state]}</span>
            )}
            {i.state === 'failed' && (
              <button type="button" class="link" onClick={() => props.retry(i.key)}>
                {t.retry}
              </button>
            )}
          </div>
        </li>
      ))}
      {props.queue && (
        <li class="m typing" aria-live="polite">
          {t.queue.replace('{n}', String(props.queue.position))}
          {props.queue.etaSeconds !== null &&
            ` · ${t.wait.replace('{n}', String(Math.max(1, Math.round(props.queue.etaSeconds / 60))))}`}
        </li>
      )}
      {props.typing && (
        <li class="m typing" aria-live="polite">
          {t.typing}
        </li>
      )}
    </ol>
  );
}
