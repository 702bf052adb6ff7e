// Canned responses (admins and supervisors): the list, and one form to add or edit a response with its
// shortcut, title, text with placeholders, and the team it is offered to. Delete asks once more inline.
import type { Api } from '../api.ts';
import type { Canned } from '../components/canned-picker.tsx';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { useAdminList } from '../components/use-admin-list.ts';
import { useLoad } from '../components/use-load.ts';
import { useI18n } from '../i18n.tsx';
import type { Team } from '../types.ts';

type Form = { id: string | null; shortcut: string; title: string; text: string; teamId: string };
const blank: Form = { id: null, shortcut: '', title: '', text: '', teamId: '' };

export function CannedAdmin(props: { api: Api }) {
  const { t } = useI18n();
  const { list, form, setForm, deleting, setDeleting, msg, save, remove } = useAdminList<Canned, Form>(
    props.api,
    '/canned-responses',
    blank,
  );
  const teams = useLoad(() => props.api.get<Team[]>('/teams').then((r) => r.data));
  const teamName = (id: string | null) =>
    id ? (teams.data?.find((tm) => tm.id === id)?.name ?? id) : t('cannedEveryone');
  const submit = () =>
    save(
      { shortcut: form.shortcut, title: form.title, text: form.text, teamId: form.teamId || null },
      `/${form.shortcut.trim().toLowerCase()}: ${t('saved')}`,
    );
  const field = (k: 'shortcut' | 'title' | 'text') => ({
    value: form[k],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
  });

  return (
    <section className="canned-admin">
      <h1>{t('canned')}</h1>
      <p className="muted">{t('cannedHint')}</p>
      {(msg || list.error) && <p role="status">{msg ?? list.error}</p>}
      {list.data?.length === 0 && <p className="muted">{t('cannedNone')}</p>}
      {!!list.data?.length && (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('cannedShortcut')}</th>
              <th>{t('cannedTitle')}</th>
              <th>{t('cannedTeam')}</th>
              <th>{t('cannedText')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((c) => (
              <tr key={c.id} data-shortcut={c.shortcut}>
                <td>
                  <code>/{c.shortcut}</code>
                </td>
                <td>{c.title}</td>
                <td>{teamName(c.teamId)}</td>
                <td className="tx" title={c.text} dir="auto">
                  {c.text}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      setForm({
                        id: c.id,
                        shortcut: c.shortcut,
                        title: c.title,
                        text: c.text,
                        teamId: c.teamId ?? '',
                      })
                    }
                  >
                    {t('cannedEdit')}
                  </button>{' '}
                  <ConfirmDelete
                    armed={deleting === c.id}
                    onArm={() => setDeleting(c.id)}
                    onConfirm={() => remove(c)}
                    onCancel={() => setDeleting(null)}
                    deleteLabel={t('cannedDelete')}
                    confirmLabel={t('cannedConfirmDelete', { shortcut: c.shortcut })}
                    cancelLabel={t('cannedCancel')}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="card"
        aria-label={form.id ? `${t('cannedEdit')} /${form.shortcut}` : t('cannedNew')}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2>{form.id ? `${t('cannedEdit')} /${form.shortcut}` : t('cannedNew')}</h2>
        <label>
          {t('cannedShortcut')}
          <input
            name="shortcut"
            required
            maxLength={40}
            pattern="[A-Za-z0-9_\-]{1,40}"
            {...field('shortcut')}
          />
        </label>
        <label>
          {t('cannedTitle')}
          <input name="title" required maxLength={200} {...field('title')} />
        </label>
        <label>
          {t('cannedText')}
          <textarea name="text" required rows={4} maxLength={5000} dir="auto" {...field('text')} />
        </label>
        <p className="muted">{t('cannedPlaceholders')}</p>
        <label>
          {t('cannedTeam')}
          <select
            name="teamId"
            value={form.teamId}
            onChange={(e) => setForm({ ...form, teamId: e.target.value })}
          >
            <option value="">{t('cannedEveryone')}</option>
            {(teams.data ?? []).map((tm) => (
              <option key={tm.id} value={tm.id}>
                {tm.name}
              </option>
            ))}
          </select>
        </label>
        <div>
          <button type="submit" className="primary">
            {t('save')}
          </button>{' '}
          {form.id && (
            <button type="button" onClick={() => setForm(blank)}>
              {t('cannedCancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
