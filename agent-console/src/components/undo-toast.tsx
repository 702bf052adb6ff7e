// "Conversation resolved · Undo": the `e` shortcut resolves at once, and for a few seconds this offers the
// way back. The button is reachable with Tab and with the `u` shortcut (inbox.tsx); it is a status
// region so a screen reader says that the conversation was resolved.
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n.tsx';
import './agent-tools.css';

/** How long the toast stays: long enough to notice a slip of the finger, short enough not to linger. */
export const undoToastMs = 6_000;

export function UndoToast(props: { id: string; onUndo(): void; onClose(): void }) {
  const { t } = useI18n();
  // The latest close handler, so the timer starts once: the page mounts a new toast (keyed by the
  // conversation) for each resolve.
  const close = useRef(props.onClose);
  close.current = props.onClose;
  useEffect(() => {
    const timer = setTimeout(() => close.current(), undoToastMs);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="undo-toast" role="status" data-conversation={props.id}>
      <span>{t('resolvedToast')}</span>
      <button type="button" aria-keyshortcuts="u" onClick={props.onUndo}>
        {t('undo')}
      </button>
    </div>
  );
}
