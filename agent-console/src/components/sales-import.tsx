// A supervisor imports a portfolio file into a campaign: the file goes up as multipart `file`, the hub
// answers 202 with the import (its column mapping and refused lines known at once), and the worker's
// progress arrives over the agent socket (`portfolio:import`). Only when the socket stays silent for 5 s
// while the import runs is GET /portfolio-imports/:id asked, every 2 s, until it is heard from again.
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { PortfolioImportProgress } from '#shared/sales.schema.ts';
import type { Api } from '../api.ts';
import type { AgentSocket } from '../socket.ts';
import { ImportHistory, ImportProgress, ImportReport } from './sales-import-report.tsx';
import { type PortfolioImport, useSalesText } from './sales-text.ts';

const SILENCE_MS = 5000;
const POLL_MS = 2000;

async function uploadPortfolio(token: string, campaignId: string, file: File): Promise<PortfolioImport> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`/api/v1/campaigns/${campaignId}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  }).catch(() => {
    throw new Error('the hub cannot be reached');
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(json?.error?.message ?? res.statusText);
  return json.data as PortfolioImport;
}

export function PortfolioImportPanel(props: {
  api: Api;
  token: string;
  socket: AgentSocket | null;
  campaignId: string;
  onChanged(): void;
}) {
  const { s } = useSalesText();
  const { api, campaignId, onChanged } = props;
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<PortfolioImport | null>(null);
  const [imports, setImports] = useState<PortfolioImport[] | null>(null);
  // Progress heard before the upload's answer came back (a small file is stored at once).
  const heard = useRef(new Map<string, PortfolioImport['processed']>());
  const lastHeard = useRef(0);
  const lastPolled = useRef(0);

  const loadHistory = useCallback(() => {
    api.get<PortfolioImport[]>(`/campaigns/${campaignId}/imports`).then(
      (r) => setImports(r.data),
      (e) => setError((e as Error).message),
    );
  }, [api, campaignId]);
  useEffect(loadHistory, [loadHistory]);

  const merge = useCallback((e: Partial<PortfolioImport> & { id: string; processed: number }) => {
    setCurrent((cur) => {
      if (!cur || cur.id !== e.id || (cur.status !== 'running' && e.status === 'running')) return cur;
      if (e.processed < cur.processed) return cur;
      const { refused: _r, columns: _c, ...counts } = e;
      return { ...cur, ...counts };
    });
  }, []);

  useEffect(() => {
    const socket = props.socket;
    if (!socket) return;
    const on = (e: PortfolioImportProgress) => {
      lastHeard.current = Date.now();
      heard.current.set(e.id, e.processed);
      const { refusedCount: _n, ...rest } = e;
      merge(rest);
    };
    socket.on('portfolio:import', on);
    return () => {
      socket.off('portfolio:import', on);
    };
  }, [props.socket, merge]);

  const running = current?.status === 'running';
  const currentId = current?.id;
  useEffect(() => {
    if (!running || !currentId) return;
    const timer = setInterval(() => {
      const now = Date.now();
      if (now - lastHeard.current < SILENCE_MS || now - lastPolled.current < POLL_MS) return;
      lastPolled.current = now;
      api.get<PortfolioImport>(`/portfolio-imports/${currentId}`).then(
        (r) => merge(r.data),
        () => {},
      );
    }, 250);
    return () => clearInterval(timer);
  }, [api, running, currentId, merge]);

  // Finished: the whole import once more (its final counts), the history and the campaign's counts.
  const finished = current && current.status !== 'running' ? current.id : null;
  useEffect(() => {
    if (!finished) return;
    api.get<PortfolioImport>(`/portfolio-imports/${finished}`).then(
      (r) => setCurrent((cur) => (cur?.id === r.data.id ? r.data : cur)),
      () => {},
    );
    loadHistory();
    onChanged();
  }, [api, finished, loadHistory, onChanged]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setSending(true);
    setError(null);
    try {
      const imp = await uploadPortfolio(props.token, campaignId, file);
      lastHeard.current = Date.now();
      lastPolled.current = 0;
      setCurrent(imp);
      // A later state already heard over the socket: ask for it (the socket's payload lacks nothing
      // the bar needs, but the answer is the import's own).
      if ((heard.current.get(imp.id) ?? -1) > imp.processed)
        api.get<PortfolioImport>(`/portfolio-imports/${imp.id}`).then((r) => setCurrent(r.data));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="sales-import">
      <form className="sales-card" onSubmit={submit}>
        <h2>{s('importTitle')}</h2>
        <p className="muted">{s('importHint')}</p>
        <div className="sales-actions">
          <label className="sales-file">
            <span className="sr">{s('file')}</span>
            <input
              type="file"
              name="file"
              aria-label={s('file')}
              accept=".csv,.txt,.xlsx,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <button type="submit" className="primary" disabled={!file || sending}>
            {s('upload')}
          </button>
          {sending && <span className="muted">{s('uploading')}</span>}
        </div>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        {current && <ImportProgress imp={current} />}
      </form>
      {current && <ImportReport imp={current} />}
      <ImportHistory imports={imports} shown={current?.id ?? null} onShow={setCurrent} />
    </div>
  );
}
