// Protocol templates per channel: the steps as the hub runs them, editable as JSON and checked by the hub
// (a refused template shows why and changes nothing); "back to default" restores the seeded one.
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { useLoad } from '../components/use-load.ts';
import { useI18n } from '../i18n.tsx';

type Template = { protocol: string; name: string; steps: unknown[]; settings?: unknown; custom?: boolean };

export function ProtocolsAdmin(props: { api: Api }) {
  const { t } = useI18n();
  const all = useLoad<Template[]>(() => props.api.get<Template[]>('/protocols').then((r) => r.data));
  const [current, setCurrent] = useState<string>('chat');
  const [text, setText] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const chosen = all.data?.find((p) => p.protocol === current);
  useEffect(() => {
    if (chosen)
      setText(JSON.stringify({ name: chosen.name, steps: chosen.steps, settings: chosen.settings }, null, 2));
  }, [chosen]);
  const save = async () => {
    try {
      await props.api.put(`/protocols/${current}`, JSON.parse(text));
      setMsg(t('saved'));
      all.reload();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <section>
      <h1>{t('protocols')}</h1>
      <select aria-label={t('protocols')} value={current} onChange={(e) => setCurrent(e.target.value)}>
        {(all.data ?? []).map((p) => (
          <option key={p.protocol} value={p.protocol}>
            {p.name}
          </option>
        ))}
      </select>
      {msg && <p role="status">{msg}</p>}
      <textarea
        className="code"
        aria-label="template"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={24}
        spellCheck={false}
      />
      <div>
        <button type="button" className="primary" onClick={save}>
          {t('save')}
        </button>
        <button type="button" onClick={() => props.api.del(`/protocols/${current}`).then(all.reload)}>
          default
        </button>
      </div>
    </section>
  );
}
