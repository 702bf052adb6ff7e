// Labels (admins and supervisors): the account's labels with their colour chip, one form to add a label
// or rename, recolour and describe one, and delete (asks once more inline: it comes off every
// conversation).
import type { LabelJson } from '#shared/labels.schema.ts';
import { type Api, ApiError } from '../api.ts';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { LabelChips } from '../components/label-chips.tsx';
import { useAdminList } from '../components/use-admin-list.ts';
import { useI18n } from '../i18n.tsx';

type Form = { id: string | null; name: string; color: string; description: string };
const blank: Form = { id: null, name: '', color: '#0f766e', description: '' };

export function LabelsAdmin(props: { api: Api }) {
  const { t } = useI18n();
  const { list, form, setForm, deleting, setDeleting, msg, save, remove } = useAdminList<LabelJson, Form>(
    props.api,
    '/labels',
    blank,
  );
  const submit = () =>
    save(
      { name: form.name, color: form.color, description: form.description.trim() || null },
      `${form.name.trim()}: ${t('saved')}`,
      (e) => (e instanceof ApiError && e.status === 409 ? t('labelTaken') : e.message),
    );

  return (
    <section className="labels-admin">
      <h1>{t('labels')}</h1>
      <p className="muted">{t('labelsHint')}</p>
      {(msg || list.error) && <p role="status">{msg ?? list.error}</p>}
      {list.data?.length === 0 && <p className="muted">{t('labelNone')}</p>}
      {!!list.data?.length && (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('labelName')}</th>
              <th>{t('labelDescription')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((l) => (
              <tr key={l.id} data-label={l.name}>
                <td>
                  <LabelChips labels={[l]} />
                </td>
                <td dir="auto">{l.description ?? ''}</td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      setForm({ id: l.id, name: l.name, color: l.color, description: l.description ?? '' })
                    }
                  >
                    {t('labelEdit')}
                  </button>{' '}
                  <ConfirmDelete
                    armed={deleting === l.id}
                    onArm={() => setDeleting(l.id)}
                    onConfirm={() => remove(l)}
                    onCancel={() => setDeleting(null)}
                    deleteLabel={t('labelDelete')}
                    confirmLabel={t('labelConfirmDelete', { name: l.name })}
                    cancelLabel={t('labelCancel')}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="card"
        aria-label={form.id ? `${t('labelEdit')} ${form.name}` : t('labelNew')}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2>{form.id ? `${t('labelEdit')}: ${form.name}` : t('labelNew')}</h2>
        <label>
          {t('labelName')}
          <input
            name="name"
            required
            maxLength={50}
            dir="auto"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </label>
        <label>
          {t('labelColor')}
          <input
            name="color"
            type="color"
            value={form.color}
            onChange={(e) => setForm({ ...form, color: e.target.value })}
          />
        </label>
        <label>
          {t('labelDescription')}
          <input
            name="description"
            maxLength={200}
            dir="auto"
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        </label>
        <div>
          <button type="submit" className="primary">
            {t('save')}
          </button>{' '}
          {form.id && (
            <button type="button" onClick={() => setForm(blank)}>
              {t('labelCancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
