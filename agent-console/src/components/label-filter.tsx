// The inbox's label filter: "any label" or one of the account's labels (GET /conversations?label=).
// The list is fetched again when the filter gets focus, so labels an admin added meanwhile are there.
import { useCallback, useEffect, useState } from 'react';
import type { LabelJson } from '#shared/labels.schema.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import './labels.css';

export function LabelFilter(props: { api: Api; value: string; onChange(labelId: string): void }) {
  const { t } = useI18n();
  const [labels, setLabels] = useState<LabelJson[] | null>(null);
  const load = useCallback(
    () =>
      props.api
        .get<LabelJson[]>('/labels')
        .then((r) => setLabels(r.data))
        .catch(() => {}),
    [props.api],
  );
  useEffect(() => {
    load();
  }, [load]);
  const { value, onChange } = props;
  // Filtering by a label deleted meanwhile: back to all conversations.
  useEffect(() => {
    if (labels && value && !labels.some((l) => l.id === value)) onChange('');
  }, [labels, value, onChange]);
  if (!labels?.length) return null;
  return (
    <select
      aria-label={t('labelFilter')}
      value={value}
      onFocus={load}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{t('labelAny')}</option>
      {labels.map((l) => (
        <option key={l.id} value={l.id}>
          {l.name}
        </option>
      ))}
    </select>
  );
}
