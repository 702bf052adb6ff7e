// The composer: a reply or a private note, fitted to the channel. E-mail replies get a subject, cc and bcc
// and formatting (shared/markdown-lite.ts: buttons, Ctrl+B/I, a preview of what the customer will see);
// every channel gets attachments (button, drag and drop, pasted images) uploaded with progress before
// the send. The draft (text, mail fields, uploaded files) is kept per conversation in this browser, so a
// drop or a reload loses nothing; a send carries a client id, and one the hub cannot be reached for waits
// in the outbox (outbox.ts) and goes out when the connection returns. "/shortcut" offers canned responses.
import {
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { markdownLiteToHtml } from '#shared/markdown-lite.ts';
import { type Api, ApiError } from '../api.ts';
import { factsOf, useChannels } from '../channels.ts';
import { useI18n } from '../i18n.tsx';
import type { Conversation, Message } from '../types.ts';
import { useCannedPicker } from './canned-picker.tsx';
import { SocialReplyBar, useSocialReply } from './composer-social.tsx';
import { applyMark, type Mark, parseAddresses } from './format-marks.ts';
import { outboxOf } from './use-outbox.ts';
import './composer.css';

type Attachment = Message['attachments'][number];
type Upload = { key: string; name: string; size: number; sent: number; done?: Attachment; error?: string };
type MailFields = { subject: string; cc: string; bcc: string; showBcc: boolean };
const noMail: MailFields = { subject: '', cc: '', bcc: '', showBcc: false };

function stored<T>(key: string, fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return v ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
}
function keep(key: string, value: unknown, empty: boolean) {
  if (empty) localStorage.removeItem(key);
  else localStorage.setItem(key, JSON.stringify(value));
}

export function Composer(props: {
  api: Api;
  conversation: Conversation;
  onSent(m: Message): void;
  /** For the placeholders of canned responses. */
  contactName?: string | null;
  agentName?: string;
  /** E-mail: whom the customer copied on their last mail (offered as the reply's cc). */
  suggestedCc?: string[];
  /** The caller's role writes notes only (QA): no reply tab. */
  notesOnly?: boolean;
  /** The caller's role answers but leaves no notes (marketing, when an admin lets it answer): no note tab. */
  repliesOnly?: boolean;
  /** The customer's latest message: on a channel with public items, whether the answer goes public. */
  lastCustomerMessage?: Message;
  /** A resolved conversation: a reply reopens it first (false when it could not; nothing is sent). */
  reopenBeforeReply?: () => Promise<boolean>;
}) {
  const { t } = useI18n();
  const id = props.conversation.id;
  const channels = useChannels(props.api);
  // Mail replies have their own subject, cc and bcc, and formatting.
  const facts = factsOf(channels, props.conversation.channel);
  const isMail = Boolean(facts?.capabilities.richEmail);
  const [mode, setMode] = useState<'reply' | 'note'>(props.notesOnly ? 'note' : 'reply');
  const key = `hub.draft.${id}.${mode}`;
  const mailKey = `hub.draft.${id}.mail`;
  const filesKey = `hub.draft.${id}.${mode}.files`;
  const [text, setText] = useState(() => localStorage.getItem(key) ?? '');
  const [mail, setMail] = useState<MailFields>(noMail);
  const [uploads, setUploads] = useState<Upload[]>(() => stored<Upload[]>(filesKey, []));
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const pending = useRef<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const listId = useId();
  const mailMode = isMail && mode === 'reply';
  const social = useSocialReply(facts, id, props.lastCustomerMessage, text, mode === 'reply');

  useEffect(() => {
    setText(localStorage.getItem(key) ?? '');
    setUploads(stored<Upload[]>(filesKey, []));
    setPreview(false);
  }, [key, filesKey]);
  const suggested = (props.suggestedCc ?? []).join(', ');
  useEffect(() => {
    setMail(stored<MailFields | null>(mailKey, null) ?? { ...noMail, cc: suggested });
  }, [mailKey, suggested]);

  const change = (v: string) => {
    setText(v);
    if (v) localStorage.setItem(key, v);
    else localStorage.removeItem(key);
  };
  const changeMail = (patch: Partial<MailFields>) => {
    const next = { ...mail, ...patch };
    setMail(next);
    keep(mailKey, next, false);
  };
  const changeUploads = (update: (list: Upload[]) => Upload[]) => {
    setUploads((list) => {
      const next = update(list);
      // Only finished uploads are worth keeping across a reload: the file is on the hub.
      const done = next.filter((u) => u.done);
      keep(filesKey, done, done.length === 0);
      return next;
    });
  };
  const canned = useCannedPicker(
    props.api,
    { contactName: props.contactName ?? null, agentName: props.agentName ?? '' },
    field,
    text,
    change,
  );

  const upload = (files: File[]) => {
    for (const file of files) {
      const k = crypto.randomUUID();
      changeUploads((l) => [...l, { key: k, name: file.name, size: file.size, sent: 0 }]);
      const set = (patch: Partial<Upload>) =>
        changeUploads((l) => l.map((u) => (u.key === k ? { ...u, ...patch } : u)));
      props.api
        .upload<Attachment>(file, (sent) => set({ sent }))
        .then((r) => set({ sent: 1, done: r.data }))
        .catch((e: Error) => set({ error: e.message }));
    }
  };

  const mark = (m: Mark) => {
    const el = field.current;
    if (!el) return;
    const r = applyMark(text, el.selectionStart, el.selectionEnd, m);
    change(r.text);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(r.start, r.end);
    });
  };

  const cc = parseAddresses(mail.cc);
  const bcc = parseAddresses(mail.bcc);
  const badAddresses = mailMode ? [...cc.invalid, ...bcc.invalid] : [];
  const busy = uploads.some((u) => !u.done && !u.error);
  const ready = uploads.filter((u) => u.done).map((u) => u.done!.id);

  const clear = () => {
    change('');
    changeUploads(() => []);
    if (mailMode) {
      localStorage.removeItem(mailKey);
      setMail({ ...noMail, cc: suggested });
    }
    setPreview(false);
  };

  const send = async () => {
    if ((!text.trim() && ready.length === 0) || busy || badAddresses.length || social?.over) return;
    pending.current ??= crypto.randomUUID();
    const clientMessageId = pending.current;
    const body = {
      text: text.trim() ? text : undefined,
      private: mode === 'note',
      clientMessageId,
      attachmentIds: ready,
      ...(social?.privately ? { privately: true } : {}),
      ...(mailMode
        ? {
            format: 'markdown',
            email: {
              ...(mail.subject.trim() ? { subject: mail.subject.trim() } : {}),
              cc: cc.addresses,
              bcc: bcc.addresses,
            },
          }
        : {}),
    };
    if (mode === 'reply' && props.reopenBeforeReply && !(await props.reopenBeforeReply())) return;
    try {
      const r = await props.api.post<Message>(`/conversations/${id}/messages`, body);
      pending.current = null;
      clear();
      setError(null);
      setInfo(null);
      props.onSent(r.data);
    } catch (e) {
      const failure = e as ApiError;
      if (failure instanceof ApiError && (failure.status === 0 || failure.status >= 500)) {
        // Not reachable: the outbox keeps it and sends it when the hub answers again.
        outboxOf(props.api).add({ clientMessageId, conversationId: id, body });
        pending.current = null;
        clear();
        setError(null);
        setInfo(t('sendQueuedOffline'));
        return;
      }
      setError(failure.message);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (canned.onKey(e)) return;
    if (mailMode && (e.ctrlKey || e.metaKey) && (e.key === 'b' || e.key === 'i')) {
      e.preventDefault();
      mark(e.key === 'b' ? 'bold' : 'italic');
      return;
    }
    // E-mail: Enter is a new line (mails have paragraphs); Ctrl+Enter sends. Chat: Enter sends.
    if (e.key === 'Enter' && (mailMode ? e.ctrlKey || e.metaKey : !e.shiftKey)) {
      e.preventDefault();
      send();
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) upload([...e.dataTransfer.files]);
  };
  const onPaste = (e: ClipboardEvent) => {
    const files = [...e.clipboardData.files];
    if (files.length) {
      e.preventDefault();
      upload(files);
    }
  };

  return (
    <form
      className={`composer ${mode}${dragging ? ' dragging' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="tabs" role="tablist">
        {!props.notesOnly && (
          <button type="button" role="tab" aria-selected={mode === 'reply'} onClick={() => setMode('reply')}>
            {t('reply')}
          </button>
        )}
        {!props.repliesOnly && (
          <button type="button" role="tab" aria-selected={mode === 'note'} onClick={() => setMode('note')}>
            {t('note')}
          </button>
        )}
      </div>
      {props.reopenBeforeReply && mode === 'reply' && (
        <p className="composer-reopens muted" role="note">
          {t('replyReopens')}
        </p>
      )}
      {mailMode && (
        <div className="mail-fields">
          <label>
            <span>{t('subject')}</span>
            <input
              value={mail.subject}
              aria-label={t('subject')}
              placeholder={props.conversation.subject ?? ''}
              onChange={(e) => changeMail({ subject: e.target.value })}
              dir="auto"
              maxLength={500}
            />
          </label>
          <label>
            <span>{t('cc')}</span>
            <input
              value={mail.cc}
              aria-label={t('cc')}
              onChange={(e) => changeMail({ cc: e.target.value })}
              aria-invalid={cc.invalid.length > 0}
              inputMode="email"
            />
          </label>
          {!mail.showBcc && (
            <button type="button" className="link add-bcc" onClick={() => changeMail({ showBcc: true })}>
              + {t('bcc')}
            </button>
          )}
          {mail.showBcc && (
            <label>
              <span>{t('bcc')}</span>
              <input
                value={mail.bcc}
                aria-label={t('bcc')}
                onChange={(e) => changeMail({ bcc: e.target.value })}
                aria-invalid={bcc.invalid.length > 0}
                inputMode="email"
              />
            </label>
          )}
          <div className="format-bar" role="toolbar" aria-label={t('formatting')}>
            {(
              [
                ['bold', 'B', 'formatBold'],
                ['italic', 'I', 'formatItalic'],
                ['list', '•', 'formatList'],
                ['numbered', '1.', 'formatNumbered'],
                ['quote', '❝', 'formatQuote'],
                ['link', <LinkIcon key="i" />, 'formatLink'],
              ] as const
            ).map(([m, label, title]) => (
              <button
                key={m}
                type="button"
                className={`fmt ${m}`}
                title={t(title)}
                aria-label={t(title)}
                disabled={preview}
                onClick={() => mark(m)}
              >
                {label}
              </button>
            ))}
            <span className="spacer" />
            <button
              type="button"
              className="link"
              aria-pressed={preview}
              onClick={() => setPreview(!preview)}
            >
              {preview ? t('edit') : t('preview')}
            </button>
          </div>
        </div>
      )}
      <div className="canned-anchor">
        {canned.list(listId)}
        {preview ? (
          <section
            className="mail-preview"
            aria-label={t('preview')}
            dir="auto"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: markdownLiteToHtml escapes every character typed; only its own tags remain
            dangerouslySetInnerHTML={{ __html: markdownLiteToHtml(text) }}
          />
        ) : (
          <textarea
            ref={field}
            aria-label={mode === 'reply' ? t('writeReply') : t('writeNote')}
            placeholder={mode === 'reply' ? t('writeReply') : t('writeNote')}
            aria-autocomplete="list"
            aria-controls={canned.open ? listId : undefined}
            aria-activedescendant={canned.activeId(listId)}
            value={text}
            onChange={(e) => {
              change(e.target.value);
              canned.track(e.target.value, e.target.selectionStart);
            }}
            onSelect={(e) => canned.track(e.currentTarget.value, e.currentTarget.selectionStart)}
            onBlur={canned.close}
            onKeyDown={onKey}
            onPaste={onPaste}
            dir="auto"
            rows={mailMode ? 6 : 3}
          />
        )}
      </div>
      {uploads.length > 0 && (
        <ul className="uploads" aria-label={t('attachments')}>
          {uploads.map((u) => (
            <li key={u.key} data-state={u.error ? 'failed' : u.done ? 'done' : 'uploading'}>
              <span className="name">{u.name}</span>
              {!u.done && !u.error && (
                <progress value={u.sent} max={1} aria-label={t('uploading', { name: u.name })} />
              )}
              {u.error && <span className="err">{u.error}</span>}
              <button
                type="button"
                className="link"
                aria-label={t('removeFile', { name: u.name })}
                onClick={() => changeUploads((l) => l.filter((x) => x.key !== u.key))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {social && facts && <SocialReplyBar state={social} channelLabel={facts.label} />}
      {badAddresses.length > 0 && (
        <p role="alert" className="error">
          {t('invalidAddresses', { list: badAddresses.join(', ') })}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {info && (
        <p role="status" className="info">
          {info}
        </p>
      )}
      <div className="composer-actions">
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          onChange={(e) => {
            upload([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        <button
          type="button"
          onClick={() => picker.current?.click()}
          aria-label={t('attach')}
          title={t('attach')}
        >
          <ClipIcon />
        </button>
        <span className="spacer" />
        {mailMode && <span className="hint">{t('ctrlEnterSends')}</span>}
        <button
          type="submit"
          className="primary"
          disabled={busy || badAddresses.length > 0 || Boolean(social?.over)}
        >
          {t('send')}
        </button>
      </div>
    </form>
  );
}

// Drawn, not emoji: not every agent's machine has an emoji font.
function ClipIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9" />
    </svg>
  );
}
function LinkIcon() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1" />
    </svg>
  );
}
