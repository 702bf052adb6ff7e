// The conversation header's labels: the chips, and a small popover to add or remove labels — checkboxes
// over the account's labels, filtered as the agent types (Enter toggles the first match, Escape closes).
// Each toggle replaces the set on the hub (PUT .../labels), which tells the other consoles.
import { useEffect, useRef, useState } from 'react';
import type { ConversationLabelJson } from '#shared/api.schema.ts';
import type { LabelJson } from '#shared/labels.schema.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import type { Conversation } from '../types.ts';
import { LabelChips } from './label-chips.tsx';

export function LabelPicker(props: {
  api: Api;
  conversationId: string;
  labels: ConversationLabelJson[] | undefined;
  onChange(conversation: Conversation): void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [all, setAll] = useState<LabelJson[] | null>(null);
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The set being saved: the boxes show it at once, not after the hub answers.
  const [saving, setSaving] = useState<string[] | null>(null);
  const anchor = useRef<HTMLSpanElement>(null);
  const current = props.labels ?? [];
  const checked = saving ?? current.map((l) => l.id);

  useEffect(() => {
    if (!open) return;
    setQ('');
    setError(null);
    // Fresh each time it opens: an admin may have added one meanwhile.
    props.api
      .get<LabelJson[]>('/labels')
      .then((r) => setAll(r.data))
      .catch((e: Error) => setError(e.message));
    const away = (e: MouseEvent) => {
      if (!anchor.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open, props.api]);

  const toggle = async (label: LabelJson) => {
    if (saving) return;
    const ids = checked.includes(label.id) ? checked.filter((id) => id !== label.id) : [...checked, label.id];
    setSaving(ids);
    try {
      const r = await props.api.put<Conversation>(`/conversations/${props.conversationId}/labels`, {
        labelIds: ids,
      });
      props.onChange(r.data);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(null);
    }
  };
  const needle = q.trim().toLowerCase();
  const shown = (all ?? []).filter((l) => l.name.toLowerCase().includes(needle));

  return (
    <span className="label-anchor" ref={anchor}>
      <LabelChips labels={current} />
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen(!open)}
        title={t('labelsEdit')}
      >
        {current.length ? t('labelsEdit') : t('labelsAdd')}
      </button>
      {open && (
        <div className="label-pop" role="dialog" aria-label={t('labelsEdit')}>
          <input
            type="search"
            // biome-ignore lint/a11y/noAutofocus: the popover opens to be typed into
            autoFocus
            aria-label={t('labelsSearch')}
            placeholder={t('labelsSearch')}
            value={q}
            dir="auto"
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setOpen(false);
              if (e.key === 'Enter' && shown[0]) {
                e.preventDefault();
                toggle(shown[0]);
              }
            }}
          />
          {error && (
            <p role="alert" className="err">
              {error}
            </p>
          )}
          {all?.length === 0 && <p className="muted">{t('labelsNoneDefined')}</p>}
          {!!all?.length && !shown.length && <p className="muted">{t('labelsNoMatch')}</p>}
          <ul>
            {shown.map((l) => (
              <li key={l.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={checked.includes(l.id)}
                    disabled={!!saving}
                    onChange={() => toggle(l)}
                  />
                  <span className="label-dot" style={{ background: l.color }} />
                  <span dir="auto">{l.name}</span>
                </label>
              </li>
            ))}
          </ul>
        </div>
      )}
    </span>
  );
}
