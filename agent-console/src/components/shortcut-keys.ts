// What a key press means in the console, as pure functions (unit-tested without a browser): the
// shortcut for a key, whether the focus is in a text field, and the neighbour in the list.
export type Shortcut = 'next' | 'previous' | 'reply' | 'note' | 'resolve' | 'undo' | 'help';

export type KeyPress = {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
};

/** The shortcut a key press means, or null. `typing`: the focus is in a text field. */
export function shortcutFor(e: KeyPress, typing: boolean): Shortcut | null {
  if (e.ctrlKey || e.metaKey) return null;
  if (e.altKey) {
    if (e.key === 'ArrowDown') return 'next';
    if (e.key === 'ArrowUp') return 'previous';
    return null;
  }
  if (typing) return null;
  const letters: Record<string, Shortcut> = {
    j: 'next',
    k: 'previous',
    r: 'reply',
    n: 'note',
    e: 'resolve',
    u: 'undo',
    '?': 'help',
  };
  return letters[e.key] ?? null;
}

/** Whether keys typed now go into a field: inputs, text areas, selects and editable content. */
export function isTyping(el: Element | null): boolean {
  if (!el) return false;
  if ((el as HTMLElement).isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

/** The id `step` places away from `current` in the list; the first one when nothing (listed) is open. */
export function neighbour(ids: string[], current: string | null, step: 1 | -1): string | null {
  if (!ids.length) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at === -1) return ids[0];
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))];
}
