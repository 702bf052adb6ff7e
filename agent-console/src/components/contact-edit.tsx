// The contact panel's edit form: name, e-mail, phone, national ID (CI) and service number, saved with
// PATCH /contacts/:id (only what changed; a cleared attribute is removed).
import { useState } from 'react';
import type { Api } from '../api.ts';
import { type Key, useI18n } from '../i18n.tsx';
import { type Contact, type ContactForm, formOf, patchBody } from './contact-model.ts';

const fields: [keyof ContactForm, Key, string][] = [
  ['name', 'name', 'text'],
  ['email', 'email', 'email'],
  ['phone', 'contactPhone', 'tel'],
  ['nationalId', 'nationalId', 'text'],
  ['serviceNumber', 'serviceNumber', 'text'],
];

export function ContactEdit(props: {
  api: Api;
  contact: Contact;
  onSaved(c: Contact): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState(() => formOf(props.contact));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const body = patchBody(props.contact, form);
    if (!Object.keys(body).length) return props.onCancel();
    setBusy(true);
    try {
      const r = await props.api.patch<Contact>(`/contacts/${props.contact.id}`, body);
      props.onSaved(r.data);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="contact-edit"
      aria-label={t('contactEdit')}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {fields.map(([k, label, type]) => (
        <label key={k}>
          {t(label)}
          <input
            name={k}
            type={type}
            dir={type === 'tel' || type === 'email' ? 'ltr' : undefined}
            value={form[k]}
            maxLength={k === 'email' ? 320 : 200}
            onChange={(e) => setForm({ ...form, [k]: e.target.value })}
          />
        </label>
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="inline">
        <button type="submit" className="primary" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('contactCancel')}
        </button>
      </div>
    </form>
  );
}
