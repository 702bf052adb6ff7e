// The account's signed sales webhook: where sale.registered and sale.installed go. Setting a URL makes a
// new signing secret, which the hub returns this once: shown with a copy button and a warning, and gone
// after a reload (the hub keeps no readable copy for the console).
import { useState } from 'react';
import type { Api } from '../api.ts';
import { refusalLines } from './admin-sales-part.tsx';
import { useDeskText } from './admin-sales-text.ts';
import { useLoad } from './use-load.ts';

type Hook = { url: string | null; secret?: string };

export function WebhookPart(props: { api: Api }) {
  const d = useDeskText();
  const hook = useLoad(() => props.api.get<Hook>('/sales-webhook').then((r) => r.data));
  const [url, setUrl] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ text: string; bad?: boolean } | null>(null);
  const shown = url ?? hook.data?.url ?? '';
  const put = async (to: string | null) => {
    try {
      const r = await props.api.put<Hook>('/sales-webhook', { url: to });
      setSecret(r.data.secret ?? null);
      setUrl(null);
      setMsg({ text: d('saved') });
      hook.reload();
    } catch (e) {
      setMsg({ text: refusalLines(e).join(' '), bad: true });
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      setMsg({ text: d('copied') });
    } catch {
      // No clipboard here (an insecure origin): the secret is selected for the user to copy.
      (document.getElementById('desk-secret') as HTMLInputElement | null)?.select();
    }
  };
  return (
    <form
      className="card desk-part desk-webhook"
      aria-label={d('webhook')}
      onSubmit={(e) => {
        e.preventDefault();
        put(shown.trim());
      }}
    >
      <h2>{d('webhook')}</h2>
      <p className="muted">{d('webhookHint')}</p>
      <label>
        {d('webhookUrl')}
        <input
          dir="ltr"
          type="url"
          name="webhook-url"
          placeholder="https://"
          value={shown}
          onChange={(e) => setUrl(e.target.value)}
        />
      </label>
      {hook.data && !hook.data.url && <p className="muted">{d('webhookNone')}</p>}
      {secret && (
        <div className="desk-secret" role="alert">
          <label>
            {d('secret')}
            <span className="desk-row">
              <input id="desk-secret" dir="ltr" readOnly value={secret} className="grow" />
              <button type="button" onClick={copy}>
                {d('copy')}
              </button>
            </span>
          </label>
          <strong>{d('secretOnce')}</strong>
        </div>
      )}
      {msg && (
        <p role="status" className={msg.bad ? 'error' : undefined}>
          {msg.text}
        </p>
      )}
      <div className="desk-actions">
        <button type="submit" className="primary" disabled={!shown.trim()}>
          {d('save')}
        </button>
        {hook.data?.url && (
          <button type="button" onClick={() => put(null)}>
            {d('remove')}
          </button>
        )}
      </div>
    </form>
  );
}
