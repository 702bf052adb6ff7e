// One part of the Sales desk settings as a card: its editor, Save (PUT with only this part), "restore the
// procedure's defaults" (PUT the part with the seed's), and the hub's refusal shown beside it, one line per
// problem it named (the details are zod's tree of the body: each message with the place it points at).
import { type ReactNode, useState } from 'react';
import { type Api, ApiError } from '../api.ts';
import type { DeskSettings, PartName } from './admin-sales-text.ts';
import { useDeskText } from './admin-sales-text.ts';

const placeOf = ([first, ...rest]: string[], value: unknown): string => {
  const item =
    Array.isArray(value) && /^\d+$/.test(first) ? (value[Number(first)] as Record<string, unknown>) : null;
  const name =
    item && (typeof item.key === 'string' ? item.key : typeof item.name === 'string' ? item.name : null);
  return [name ? `“${name}”` : first, ...rest].join('.');
};

type Tree = { errors?: string[]; properties?: Record<string, Tree>; items?: (Tree | undefined)[] };

/**
 * Every message of the refusal's tree, with the place it points at (`examples.8`), the part's name left
 * off; in a list of glosses or items, the place names the item by its key or name rather than its index.
 */
export function refusalLines(e: unknown, value?: unknown): string[] {
  if (!(e instanceof ApiError)) return [(e as Error).message];
  const out: string[] = [];
  const walk = (t: Tree | undefined, path: string[]) => {
    if (!t) return;
    for (const m of t.errors ?? []) out.push(path.length > 1 ? `${placeOf(path.slice(1), value)}: ${m}` : m);
    for (const [k, sub] of Object.entries(t.properties ?? {})) walk(sub, [...path, k]);
    for (const [i, sub] of (t.items ?? []).entries()) walk(sub, [...path, String(i)]);
  };
  walk(e.details as Tree | undefined, []);
  return out.length > 0 ? out : [e.message];
}

export function Part<P extends PartName>(props: {
  api: Api;
  part: P;
  title: string;
  hint?: string;
  value: DeskSettings[P];
  defaults: DeskSettings[P];
  /** The part as the hub stored it (the other parts' drafts are left alone). */
  onSaved(value: DeskSettings[P]): void;
  children: ReactNode;
}) {
  const d = useDeskText();
  const [msg, setMsg] = useState<{ ok: string } | { bad: string[] } | null>(null);
  const put = async (value: DeskSettings[P], done: string) => {
    try {
      const r = await props.api.put<DeskSettings>('/sales-settings', { [props.part]: value });
      props.onSaved(r.data[props.part]);
      setMsg({ ok: done });
    } catch (e) {
      setMsg({ bad: refusalLines(e, value) });
    }
  };
  return (
    <form
      className="card desk-part"
      aria-label={props.title}
      data-part={props.part}
      onSubmit={(e) => {
        e.preventDefault();
        put(props.value, d('saved'));
      }}
    >
      <h2>{props.title}</h2>
      {props.hint && <p className="muted">{props.hint}</p>}
      {props.children}
      {msg && 'ok' in msg && <p role="status">{msg.ok}</p>}
      {msg && 'bad' in msg && (
        <div role="alert" className="error desk-refusal">
          <strong>{d('refused')}</strong>
          <ul>
            {msg.bad.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="desk-actions">
        <button type="submit" className="primary">
          {d('save')}
        </button>
        <button type="button" onClick={() => put(props.defaults, d('restored'))}>
          {d('restore')}
        </button>
      </div>
    </form>
  );
}
