// Keyboard shortcuts for agents who work the queue without the mouse: j/k (or Alt+↓/↑) next and previous
// conversation, r reply, n note, e resolve (u undoes it while its toast shows), ? this help. Single letters are ignored while typing, so an
// "e" in a reply stays an "e"; Alt+arrows work from the reply box too. Escape is left to whatever
// overlay is open (a native <dialog> closes itself on it).
import { useEffect, useRef } from 'react';
import { type Key, useI18n } from '../i18n.tsx';
import './agent-tools.css';
import { isTyping, type Shortcut, shortcutFor } from './shortcut-keys.ts';

/** Calls `run` for each shortcut pressed, unless a modal overlay (a dialog) is open. */
export function useShortcuts(run: (s: Shortcut) => void): void {
  // The latest handler, so the listener is added once and never sees stale state.
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || document.querySelector('dialog[open]')) return;
      const s = shortcutFor(e, isTyping(document.activeElement));
      if (!s) return;
      // The letter must not land in the field the shortcut is about to focus.
      e.preventDefault();
      latest.current(s);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}

/** Puts the cursor in the composer as a reply or as a private note (its first and second tab). */
export function focusComposer(mode: 'reply' | 'note'): void {
  const tabs = document.querySelectorAll<HTMLButtonElement>('.composer [role=tab]');
  tabs[mode === 'reply' ? 0 : 1]?.click();
  // After React has rendered the chosen mode.
  requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>('.composer textarea')?.focus());
}

const help: [string[], Key][] = [
  [['j', 'Alt+↓'], 'shortcutNext'],
  [['k', 'Alt+↑'], 'shortcutPrevious'],
  [['r'], 'shortcutReply'],
  [['n'], 'shortcutNote'],
  [['e'], 'shortcutResolve'],
  [['u'], 'shortcutUndo'],
  [['?'], 'shortcutHelp'],
  [['Esc'], 'shortcutClose'],
];

/** The list of shortcuts, in a modal dialog (Escape or the button closes it). */
export function ShortcutHelp(props: { onClose(): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="overlay shortcuts" aria-labelledby="shortcuts-title" onClose={props.onClose}>
      <h2 id="shortcuts-title">{t('shortcuts')}</h2>
      <table>
        <tbody>
          {help.map(([keys, label]) => (
            <tr key={label}>
              <td>
                {keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="primary">
          {t('closeOverlay')}
        </button>
      </form>
    </dialog>
  );
}
