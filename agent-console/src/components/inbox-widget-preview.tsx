// A web-chat inbox's live preview and embed snippet. The preview is the hub's real widget, embedded exactly
// as a customer's site embeds it (the loader from /widget.js with data-inbox), in a blank page of its own;
// It is wider than the widget's 480px phone breakpoint, so it shows the desktop panel over its launcher;
// `version` changes after each save, which reloads it with the saved colour, greeting and settings.
import { useRef, useState } from 'react';
import { useI18n } from '../i18n.tsx';

const attr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const embedSnippet = (origin: string, token: string) =>
  `<script src="${origin}/widget.js" data-inbox="${attr(token)}" async></script>`;

export function WidgetPreview(props: { token: string; version: number }) {
  const { t } = useI18n();
  const origin = window.location.origin;
  // data-open: the preview shows the opened chat, not only the launcher.
  const page = `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;font:13px system-ui,sans-serif;color:#6b7280;background:#f3f4f6;padding:1rem}</style></head><body><p>${attr(t('preview'))}</p><script src="${origin}/widget.js" data-inbox="${attr(props.token)}" data-open="true" async></script></body></html>`;
  return (
    <iframe
      key={props.version}
      title={t('preview')}
      className="inbox-preview"
      data-version={props.version}
      srcDoc={page}
      style={{
        width: '100%',
        height: 640,
        border: '1px solid #e3e6ea',
        borderRadius: 10,
        background: '#fff',
      }}
    />
  );
}

export function EmbedSnippet(props: { token: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const snippet = embedSnippet(window.location.origin, props.token);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(t('copied'));
    } catch {
      // No clipboard (plain http, permission refused): the text is selected for Ctrl+C instead.
      area.current?.focus();
      area.current?.select();
      setCopied(t('copyManually'));
    }
  };
  return (
    <section className="card" aria-label={t('embedSnippet')}>
      <label>
        {t('embedSnippet')}
        <textarea
          ref={area}
          className="code embed-snippet"
          dir="ltr"
          readOnly
          rows={3}
          value={snippet}
          onFocus={(e) => e.target.select()}
        />
      </label>
      <span className="inline">
        <button type="button" onClick={copy}>
          {t('copy')}
        </button>
        {copied && <span role="status">{copied}</span>}
      </span>
    </section>
  );
}
