// Adding a channel is one folder under channels/ and one line in channels/registry.ts: core, the console
// and the widget read what a channel can do from its definition (GET /channels in the browser) instead of
// naming channel kinds. This spec reads every source file outside channels/ (server, shared, the console,
// the widget, scripts) and lists those that name a kind: there must be none.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelKinds } from '#shared/channels.ts';

const root = join(import.meta.dirname, '..', '..');
const scanned = ['server', 'shared', 'agent-console/src', 'widget/src', 'scripts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Comments say why, and may name a channel; code may not. */
const withoutComments = (src: string) =>
  src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

// Kinds that are plain words elsewhere ('email' is a field, 'api' a path) count only next to channel/kind.
const plainWords = new Set(['email', 'api']);
const namesAKind = (code: string) =>
  channelKinds.filter((kind) =>
    plainWords.has(kind)
      ? new RegExp(`\\b(channel|kind)\\b[^\\n'"\`]{0,30}['"\`]${kind}['"\`]`).test(code)
      : // a string, or the key of a table by kind: webchat: 'chat', whatsapp: { ... }
        new RegExp(`['"\`]${kind}['"\`]|^\\s*${kind}\\??:\\s*['"{\\d]`, 'm').test(code),
  );

describe('channel kinds are named only under channels/', () => {
  it('finds a kind named in code by this spec itself (the check can fail)', () => {
    expect(namesAKind("if (inbox.channel === 'email') send();")).toEqual(['email']);
    expect(namesAKind("const channels = ['webchat', 'api'];")).toEqual(['webchat']);
    expect(namesAKind('const byKind = {\n  whatsapp: { capacity: 3 },\n};')).toEqual(['whatsapp']);
    expect(namesAKind('function f(\n  webchat: Inbox,\n) {}')).toEqual([]);
    expect(namesAKind("body.email.toLowerCase(); fetch('/api/v1')")).toEqual([]);
    expect(namesAKind(withoutComments("// the 'webchat' widget\nconst x = 1;"))).toEqual([]);
  });

  it('no file outside channels/ names a channel kind', () => {
    const offenders = scanned
      .flatMap(sourceFiles)
      .map((file) => ({ file, kinds: namesAKind(withoutComments(readFileSync(join(root, file), 'utf8'))) }))
      .filter((f) => f.kinds.length > 0)
      .map((f) => `${relative('.', f.file)}: ${f.kinds.join(', ')}`);
    expect(offenders).toEqual([]);
  });
});
