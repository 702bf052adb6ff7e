// The console's keyboard shortcuts as a pure mapping: which key means what, that letters typed in a
// field stay letters, and how j/k walk the conversation list.
import { describe, expect, it } from 'vitest';
import { isTyping, neighbour, shortcutFor } from '../../agent-console/src/components/shortcut-keys.ts';

const press = (key: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps the single keys outside text fields', () => {
    expect(['j', 'k', 'r', 'n', 'e', '?'].map((k) => shortcutFor(press(k), false))).toEqual([
      'next',
      'previous',
      'reply',
      'note',
      'resolve',
      'help',
    ]);
    expect(shortcutFor(press('x'), false)).toBeNull();
    // Shift+J is a capital, not a shortcut: the agent may be shouting at the keyboard, not navigating.
    expect(shortcutFor(press('J'), false)).toBeNull();
  });

  it('leaves letters alone while the agent types, but Alt+arrows still move', () => {
    for (const k of ['j', 'k', 'r', 'n', 'e', '?']) expect(shortcutFor(press(k), true)).toBeNull();
    expect(shortcutFor(press('ArrowDown', { altKey: true }), true)).toBe('next');
    expect(shortcutFor(press('ArrowUp', { altKey: true }), false)).toBe('previous');
    expect(shortcutFor(press('ArrowDown'), false)).toBeNull();
  });

  it("never takes the browser's own Ctrl/Cmd combinations", () => {
    expect(shortcutFor(press('r', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(press('e', { metaKey: true }), false)).toBeNull();
    expect(shortcutFor(press('ArrowDown', { altKey: true, ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(press('j', { altKey: true }), false)).toBeNull();
  });
});

describe('isTyping', () => {
  const el = (tagName: string, extra: Record<string, unknown> = {}) =>
    ({ tagName, ...extra }) as unknown as Element;
  it('is true in text inputs, text areas, selects and editable content', () => {
    expect(isTyping(el('INPUT', { type: 'text' }))).toBe(true);
    expect(isTyping(el('INPUT', { type: 'search' }))).toBe(true);
    expect(isTyping(el('TEXTAREA'))).toBe(true);
    expect(isTyping(el('SELECT'))).toBe(true);
    expect(isTyping(el('DIV', { isContentEditable: true }))).toBe(true);
  });
  it('is false on buttons, checkboxes and the page itself', () => {
    expect(isTyping(el('BUTTON'))).toBe(false);
    expect(isTyping(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTyping(el('BODY'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});

describe('neighbour', () => {
  const ids = ['9', '7', '4'];
  it('steps down and up the list and stops at its ends', () => {
    expect(neighbour(ids, '9', 1)).toBe('7');
    expect(neighbour(ids, '7', -1)).toBe('9');
    expect(neighbour(ids, '4', 1)).toBe('4');
    expect(neighbour(ids, '9', -1)).toBe('9');
  });
  it('starts at the top when nothing, or something not listed, is open', () => {
    expect(neighbour(ids, null, 1)).toBe('9');
    expect(neighbour(ids, '123', -1)).toBe('9');
    expect(neighbour([], null, 1)).toBeNull();
  });
});
