// The state of an admin list page with one add/edit form (canned responses, labels): the rows from
// `path`, the form (blank = a new row), the row whose delete is armed, and the last message; save()
// creates or updates and reloads, remove() deletes and reloads.
import { useState } from 'react';
import type { Api } from '../api.ts';
import { useLoad } from './use-load.ts';

export function useAdminList<Row extends { id: string }, Form extends { id: string | null }>(
  api: Api,
  path: string,
  blank: Form,
) {
  const list = useLoad(() => api.get<Row[]>(path).then((r) => r.data));
  const [form, setForm] = useState<Form>(blank);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);

  /** POST or PATCH `body`; `done` is the message on success, `failed` turns an error into one. */
  const save = async (body: unknown, done: string, failed = (e: Error) => e.message) => {
    try {
      if (form.id) await api.patch(`${path}/${form.id}`, body);
      else await api.post(path, body);
      setMsg(done);
      setForm(blank);
      list.reload();
    } catch (e) {
      setMsg(failed(e as Error));
    }
  };
  const remove = async (row: Row) => {
    try {
      await api.del(`${path}/${row.id}`);
      setDeleting(null);
      if (form.id === row.id) setForm(blank);
      setMsg(null);
      list.reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return { list, form, setForm, deleting, setDeleting, msg, save, remove };
}
