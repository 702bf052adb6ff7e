// The procedure forms' responses for supervisors, admins and QA (issue 18, item 5): newest first, by form and
// period (GET /form-responses), each with its date, form, agent, conversation and observation; one form's
// responses download as CSV (GET /form-responses/export, a column per field). Reached from the Reports
// page's side list at /reports/form-responses.
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { type Form, type FormResponse, useFormsText, whenOf } from '../components/forms-text.ts';
import '../components/forms.css';
import { navigate } from '../router.ts';

function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function FormResponsesPage(props: { api: Api }) {
  const { f, lang, name } = useFormsText();
  const [forms, setForms] = useState<Form[]>([]);
  const [formId, setFormId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [rows, setRows] = useState<FormResponse[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    props.api
      .get<Form[]>('/forms')
      .then((r) => setForms(r.data))
      .catch(() => {});
  }, [props.api]);
  const query = useCallback(
    (cursor?: string) => {
      const q = new URLSearchParams();
      if (formId) q.set('formId', formId);
      if (from) q.set('from', from);
      if (to) q.set('to', to);
      if (cursor) q.set('cursor', cursor);
      return q.toString();
    },
    [formId, from, to],
  );
  useEffect(() => {
    let live = true;
    setError(null);
    props.api.get<FormResponse[]>(`/form-responses?${query()}`).then(
      (r) => {
        if (!live) return;
        setRows(r.data);
        setNext(r.nextCursor ?? null);
      },
      (e) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [props.api, query]);
  const more = async () => {
    if (!next) return;
    const r = await props.api.get<FormResponse[]>(`/form-responses?${query(next)}`);
    setRows((old) => [...(old ?? []), ...r.data]);
    setNext(r.nextCursor ?? null);
  };
  const exportCsv = async () => {
    try {
      const q = new URLSearchParams({ formId });
      if (from) q.set('from', from);
      if (to) q.set('to', to);
      const file = await props.api.download(`/form-responses/export?${q}`);
      saveFile(file.blob, file.filename);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <main className="page form-responses-page">
      <h1>{f('formsResponses')}</h1>
      <p className="muted">{f('formsResponsesHint')}</p>
      <div className="form-responses-filters">
        <label>
          <span>{f('formsForm')}</span>
          <select name="formId" value={formId} onChange={(e) => setFormId(e.target.value)}>
            <option value="">{f('formsAllForms')}</option>
            {forms.map((x) => (
              <option key={x.id} value={x.id}>
                {name(x.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{f('formsFrom')}</span>
          <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          <span>{f('formsTo')}</span>
          <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="button" className="primary" disabled={!formId} onClick={exportCsv}>
          {f('formsExport')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">{f('formsListNone')}</p>}
      {rows && rows.length > 0 && (
        <table className="grid form-responses-table">
          <thead>
            <tr>
              <th>{f('formsDate')}</th>
              <th>{f('formsForm')}</th>
              <th>{f('formsAgent')}</th>
              <th>{f('formsConversation')}</th>
              <th>{f('formsObservation')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-id={r.id}>
                <td>{whenOf(r.createdAt, lang)}</td>
                <td>{name(r.formName)}</td>
                <td>{r.userName ?? '—'}</td>
                <td>
                  {r.conversationId ? (
                    <a
                      href={`/conversations/${r.conversationId}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/conversations/${r.conversationId}`);
                      }}
                    >
                      #{r.conversationId}
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
                <td dir="auto" className="forms-observation-text">
                  {r.observation ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={more}>
          {f('formsMore')}
        </button>
      )}
    </main>
  );
}
