// The widget's pre-chat form: which fields the visitor fills in before the first message (name, e-mail,
// phone, national id, a service number, a choice ...), each with its label, whether it is required and an
// optional pattern. The hub validates the list when the inbox is saved.

import type { PreChatField } from '#shared/widget.schema.ts';
import { useI18n } from '../i18n.tsx';

// Restated as types only (importing the schema module would bundle zod); `satisfies` catches a rename.
const preChatFieldTypes = [
  'text',
  'email',
  'tel',
  'ci',
  'service_number',
  'select',
] as const satisfies readonly PreChatField['type'][];

type PreChat = { enabled: boolean; fields: PreChatField[] };

export function PreChatFields(props: { value: PreChat | undefined; onChange(v: PreChat): void }) {
  const { t } = useI18n();
  const pre = props.value ?? { enabled: false, fields: [] };
  const setField = (i: number, patch: Partial<PreChatField>) =>
    props.onChange({ ...pre, fields: pre.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  return (
    <fieldset>
      <legend>
        <label className="check">
          <input
            type="checkbox"
            name="settings.preChat.enabled"
            checked={pre.enabled}
            onChange={(e) => props.onChange({ ...pre, enabled: e.target.checked })}
          />
          {t('preChat')}
        </label>
      </legend>
      {pre.enabled && (
        <>
          {pre.fields.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; edits keep their place
            <div key={i} className="inline" data-prechat={i}>
              <input
                aria-label="key"
                placeholder="key"
                value={f.key}
                onChange={(e) => setField(i, { key: e.target.value })}
              />
              <input
                aria-label={t('name')}
                placeholder={t('name')}
                value={f.label ?? ''}
                onChange={(e) => setField(i, { label: e.target.value || undefined })}
              />
              <select
                aria-label="type"
                value={f.type}
                onChange={(e) => setField(i, { type: e.target.value as PreChatField['type'] })}
              >
                {preChatFieldTypes.map((ty) => (
                  <option key={ty} value={ty}>
                    {ty}
                  </option>
                ))}
              </select>
              <label className="check">
                <input
                  type="checkbox"
                  checked={f.required}
                  onChange={(e) => setField(i, { required: e.target.checked })}
                />
                {t('required')}
              </label>
              <input
                aria-label="pattern"
                placeholder="pattern"
                value={f.pattern ?? ''}
                onChange={(e) => setField(i, { pattern: e.target.value || undefined })}
              />
              {f.type === 'select' && (
                <input
                  aria-label="options"
                  placeholder="a, b, c"
                  value={(f.options ?? []).join(', ')}
                  onChange={(e) =>
                    setField(i, {
                      options: e.target.value
                        .split(',')
                        .map((o) => o.trim())
                        .filter(Boolean),
                    })
                  }
                />
              )}
              <button
                type="button"
                aria-label={t('remove')}
                onClick={() => props.onChange({ ...pre, fields: pre.fields.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              props.onChange({
                ...pre,
                fields: [
                  ...pre.fields,
                  { key: `field${pre.fields.length + 1}`, type: 'text', required: false },
                ],
              })
            }
          >
            + {t('preChat')}
          </button>
        </>
      )}
    </fieldset>
  );
}
