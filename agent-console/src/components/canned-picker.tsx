// The composer's canned responses: typing "/sal" at the start of a word lists the responses matching
// "sal" (from the hub, so team-scoped ones reach only their team); arrows move, Enter or Tab or a click
// inserts, Escape closes. Inserting replaces "/sal" with the text, {contact.name} and {agent.name} filled.
import {
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { z } from 'zod';
import type { cannedResponseJson } from '#shared/canned.schema.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import './canned.css';

export type Canned = z.infer<typeof cannedResponseJson>;
export type CannedVars = { contactName: string | null; agentName: string };
type Token = { start: number; query: string };

/** The "/word" typed just before the caret, at the start of the text or after a space. */
export function slashToken(text: string, caret: number): Token | null {
  const m = /(^|\s)\/([\w-]{0,40})$/.exec(text.slice(0, caret));
  return m ? { start: caret - m[2].length - 1, query: m[2] } : null;
}

export function fillCanned(text: string, vars: CannedVars): string {
  const contact = vars.contactName?.trim();
  return (
    text
      // No name known: drop the placeholder with the space before it ("Hola {contact.name}," → "Hola,").
      .replace(/[ \t]*\{contact\.name\}/g, (m) => (contact ? m.replace('{contact.name}', contact) : ''))
      .replaceAll('{agent.name}', vars.agentName)
  );
}

export function useCannedPicker(
  api: Api,
  vars: CannedVars,
  field: RefObject<HTMLTextAreaElement | null>,
  text: string,
  setText: (v: string) => void,
) {
  const [token, setToken] = useState<Token | null>(null);
  // The list with the query it answers: a pick never uses the answer to an older query.
  const [found, setFound] = useState<{ query: string; items: Canned[] }>({ query: '', items: [] });
  const [active, setActive] = useState(0);
  // Escape closes the list for this "/" only; a new "/" opens it again.
  const dismissed = useRef<number | null>(null);
  const caretAfter = useRef<number | null>(null);
  const query = token?.query ?? null;

  useEffect(() => {
    if (query === null) return;
    let stale = false;
    api
      .get<Canned[]>(`/canned-responses?q=${encodeURIComponent(query)}&limit=8`)
      .then((r) => {
        if (stale) return;
        setFound({ query, items: r.data });
        setActive(0);
      })
      .catch(() => !stale && setFound({ query, items: [] }));
    return () => {
      stale = true;
    };
  }, [api, query]);

  // After an insert, the caret goes to the end of the inserted text.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the inserted text lands
  useLayoutEffect(() => {
    const at = caretAfter.current;
    if (at === null || !field.current) return;
    caretAfter.current = null;
    field.current.focus();
    field.current.setSelectionRange(at, at);
  }, [text]);

  const track = useCallback((value: string, caret: number | null) => {
    const next = caret === null ? null : slashToken(value, caret);
    if (!next || next.start !== dismissed.current) dismissed.current = null;
    setToken(next && next.start !== dismissed.current ? next : null);
  }, []);

  const insert = (c: Canned) => {
    if (!token) return;
    const filled = fillCanned(c.text, vars);
    const end = token.start + 1 + token.query.length;
    caretAfter.current = token.start + filled.length;
    setToken(null);
    setText(text.slice(0, token.start) + filled + text.slice(end));
  };

  const items = token && found.query === token.query ? found.items : [];
  const open = items.length > 0;
  /** Handles the keys the open list takes; false when the composer should handle the key. */
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || !token || e.nativeEvent.isComposing) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + items.length) % items.length);
    } else if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
      insert(items[Math.min(active, items.length - 1)]);
    } else if (e.key === 'Escape') {
      dismissed.current = token.start;
      setToken(null);
    } else return false;
    e.preventDefault();
    e.stopPropagation();
    return true;
  };

  return {
    open,
    track,
    onKey,
    close: () => setToken(null),
    list: (listId: string) =>
      open ? (
        <CannedList id={listId} items={items} active={active} onPick={insert} onHover={setActive} />
      ) : null,
    activeId: (listId: string) => (open ? `${listId}-${items[active]?.id}` : undefined),
  };
}

function CannedList(props: {
  id: string;
  items: Canned[];
  active: number;
  onPick(c: Canned): void;
  onHover(i: number): void;
}) {
  const { t } = useI18n();
  return (
    <div id={props.id} role="listbox" className="canned-list" aria-label={t('canned')}>
      {props.items.map((c, i) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard drives the list from the text area
        <div
          key={c.id}
          id={`${props.id}-${c.id}`}
          role="option"
          // Not in the tab order: the focus stays in the text area, which points here (activedescendant).
          tabIndex={-1}
          aria-selected={i === props.active}
          // Keep the focus (and the caret) in the text area while clicking.
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => props.onHover(i)}
          onClick={() => props.onPick(c)}
        >
          <span className="sc">/{c.shortcut}</span>
          <span className="ti">{c.title}</span>
          <span className="tx">{c.text}</span>
        </div>
      ))}
    </div>
  );
}
