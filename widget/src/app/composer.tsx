// The message box: Enter sends, Shift+Enter breaks the line; the paperclip opens the file picker, whose
// choice is checked against the inbox's size and type limits before any upload.
import { useRef, useState } from 'preact/hooks';
import type { WidgetConfig } from '../types.ts';
import type { Session } from './session.ts';
import { fill, type Strings } from './strings.ts';
import { typeAllowed } from './upload.ts';

export function Composer(props: {
  session: Session;
  config: WidgetConfig;
  t: Strings;
  canAttach: boolean;
  inputRef: { current: HTMLTextAreaElement | null };
}) {
  const { session, config, t } = props;
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const send = (e?: Event) => {
    e?.preventDefault();
    const v = text.trim();
    if (!v) return;
    session.send(v);
    setText('');
  };
  const pick = () => {
    const f = file.current?.files?.[0];
    if (file.current) file.current.value = '';
    if (!f) return;
    if (f.size > config.maxUploadBytes)
      return setError(fill(t.tooLarge, { n: Math.round(config.maxUploadBytes / 1048576) }));
    if (!typeAllowed(config.allowedTypes, f)) return setError(t.badType);
    setError('');
    void session.sendFile(f);
  };
  return (
    <form class="composer" onSubmit={send}>
      {error && (
        <p class="err" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <input
          ref={file}
          type="file"
          class="sr"
          tabIndex={-1}
          aria-hidden="true"
          accept={config.allowedTypes.join(',')}
          onChange={pick}
        />
        <button
          type="button"
          class="icon"
          aria-label={t.attach}
          title={t.attach}
          disabled={!props.canAttach}
          onClick={() => file.current?.click()}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z" />
          </svg>
        </button>
        <textarea
          ref={props.inputRef}
          rows={1}
          dir="auto"
          aria-label={t.placeholder}
          placeholder={t.placeholder}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            session.typing(e.currentTarget.value.length > 0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) send(e);
          }}
        />
        <button type="submit" class="icon send" aria-label={t.send} title={t.send}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M3 20.5 21 12 3 3.5v6.6l12.8 1.9L3 13.9z" />
          </svg>
        </button>
      </div>
    </form>
  );
}
