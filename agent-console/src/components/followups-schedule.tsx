// The conversation's "Follow-up" section (issue 18 item 3), loaded on its own chunk: the conversation's
// open follow-up (GET /follow-ups, those of this conversation still open or forwarded) with a link to it,
// and a small form to schedule one (kind, due date, owner optional, note) → POST
// /conversations/:id/follow-ups.
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { navigate } from '../router.ts';
import type { User } from '../types.ts';
import { usePeople } from './followups-people.ts';
import {
  type FollowUp,
  followUpKinds,
  instantOf,
  nameOf,
  refusal,
  useFollowUpText,
  whenOf,
} from './followups-text.ts';
import './followups.css';

export default function FollowUpSchedule(props: { api: Api; user: User; conversationId: string }) {
  const { f, lang } = useFollowUpText();
  const people = usePeople(props.api, props.user.role);
  const [open, setOpen] = useState<FollowUp[]>([]);
  const [shown, setShown] = useState(false);
  const [form, setForm] = useState({ kind: 'activation', dueAt: '', ownerId: '', note: '' });
  const [notice, setNotice] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () =>
      props.api.get<FollowUp[]>('/follow-ups').then(
        (r) =>
          setOpen(
            r.data.filter(
              (x) =>
                x.conversationId === props.conversationId &&
                (x.status === 'open' || x.status === 'forwarded'),
            ),
          ),
        () => {},
      ),
    [props.api, props.conversationId],
  );
  useEffect(() => {
    load();
  }, [load]);
  const submit = async () => {
    setBusy(true);
    try {
      await props.api.post(`/conversations/${props.conversationId}/follow-ups`, {
        kind: form.kind,
        dueAt: instantOf(form.dueAt),
        ...(form.ownerId ? { ownerId: form.ownerId } : {}),
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      });
      setShown(false);
      setForm((old) => ({ ...old, dueAt: '', note: '' }));
      await load();
      setNotice({ text: f('fuScheduled'), bad: false });
    } catch (e) {
      setNotice({ text: refusal(f, e), bad: true });
    } finally {
      setBusy(false);
    }
  };
  const set =
    (k: keyof typeof form) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setForm((old) => ({ ...old, [k]: e.target.value }));
  return (
    <section className="panel fu-section" aria-labelledby="fu-section-title">
      <h3 id="fu-section-title">{f('followUps')}</h3>
      {open.map((x) => (
        <p key={x.id} className="fu-open-here" data-id={x.id} data-status={x.status}>
          <span className="badge">{f('fuOpenHere')}</span>{' '}
          <a
            href={`/follow-ups/${x.id}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/follow-ups/${x.id}`);
            }}
          >
            {f(`kind_${x.kind}`)} · {f(`status_${x.status}`)}
          </a>{' '}
          <span className="muted">
            {f('fuDue')} {whenOf(x.dueAt, lang)} · {nameOf(f, people.names, props.user.id, x.ownerId)}
          </span>
        </p>
      ))}
      {notice && (
        <p className={`fu-notice ${notice.bad ? 'bad' : ''}`} role={notice.bad ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {!shown ? (
        <button type="button" className="fu-schedule-open" onClick={() => setShown(true)}>
          {f('fuSchedule')}
        </button>
      ) : (
        <form
          className="fu-schedule"
          onSubmit={(e) => {
            e.preventDefault();
            if (form.dueAt) submit();
          }}
        >
          <label>
            <span>{f('fuKind')}</span>
            <select name="kind" value={form.kind} onChange={set('kind')}>
              {followUpKinds.map((k) => (
                <option key={k} value={k}>
                  {f(`kind_${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{f('fuDue')}</span>
            <input type="datetime-local" name="dueAt" value={form.dueAt} onChange={set('dueAt')} required />
          </label>
          <label>
            <span>{f('fuOwner')}</span>
            <select name="ownerId" value={form.ownerId} onChange={set('ownerId')}>
              <option value="">{f('fuOwnerAuto')}</option>
              {people.owners.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{f('fuNote')}</span>
            <textarea name="note" rows={2} value={form.note} onChange={set('note')} />
          </label>
          <button type="submit" disabled={busy || !form.dueAt}>
            {f('fuSave')}
          </button>
        </form>
      )}
    </section>
  );
}
