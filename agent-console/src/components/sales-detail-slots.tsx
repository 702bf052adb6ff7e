// The customer's files in their three slots (CI front, CI back, letter): the latest of each with its
// status — a photo as a thumbnail that opens the console's viewer (zoom, rotate), a PDF as a link that
// opens it in a new tab — the earlier ones under it, and a "move to…" for a file the hub put in the wrong
// slot. Files come through the sale with the agent's token, as blobs.
import { useState } from 'react';
import type { Api } from '../api.ts';
import { AuthImage, ImageViewer } from './image-viewer.tsx';
import {
  docStatusLabel,
  ofSlot,
  reviewable,
  type SaleDocument,
  type Slot,
  slotLabel,
  slots,
} from './sales-detail-model.ts';
import { type Sale, useSalesText } from './sales-text.ts';

const isImage = (d: SaleDocument) => d.attachment.mime.startsWith('image/');

export function DocumentSlots(props: {
  api: Api;
  sale: Sale;
  documents: SaleDocument[];
  onChanged(docs: SaleDocument[]): void;
  /** The officer's view: files to look at, none to move. */
  readOnly?: boolean;
}) {
  const { s } = useSalesText();
  const { api, sale, documents } = props;
  const [error, setError] = useState<string | null>(null);
  const images = slots.flatMap((slot) => ofSlot(documents, slot).filter(isImage));
  const [viewing, setViewing] = useState<number | null>(null);
  const sortable = !props.readOnly && reviewable.includes(sale.status);

  const move = async (d: SaleDocument, slot: Slot) => {
    try {
      const r = await api.post<SaleDocument[]>(`/sales/${sale.id}/documents/${d.id}/slot`, { slot });
      props.onChanged(r.data);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const openPdf = async (d: SaleDocument) => {
    try {
      const { blob } = await api.download(d.attachment.url.replace(/^\/api\/v1/, ''));
      const url = URL.createObjectURL(blob);
      window.open(url, '_blank', 'noopener');
      // The new tab has read it by then; the object URL need not outlive the minute.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const file = (d: SaleDocument, big: boolean) => (
    <div className={`sale-file ${big ? 'latest' : 'older'}`} data-doc={d.id} data-status={d.status}>
      {isImage(d) ? (
        <button
          type="button"
          className="sale-thumb"
          aria-label={d.attachment.name}
          onClick={() => setViewing(images.findIndex((x) => x.id === d.id))}
        >
          <AuthImage src={d.attachment.url} alt={d.attachment.name} />
        </button>
      ) : (
        <button type="button" className="sale-pdf" title={s('openPdf')} onClick={() => openPdf(d)}>
          <span className="sale-pdf-icon" aria-hidden="true">
            PDF
          </span>{' '}
          <bdi>{d.attachment.name}</bdi>
        </button>
      )}
      <span className={`sales-badge doc-${d.status}`}>{docStatusLabel(s, d.status)}</span>
      {sortable && (
        <select
          aria-label={`${s('moveTo')} ${d.attachment.name}`}
          value=""
          onChange={(e) => e.target.value && move(d, e.target.value as Slot)}
        >
          <option value="">{s('moveTo')}</option>
          {slots
            .filter((x) => x !== d.slot)
            .map((x) => (
              <option key={x} value={x}>
                {slotLabel(s, x)}
              </option>
            ))}
        </select>
      )}
    </div>
  );

  return (
    <section className="sale-slots" aria-label={s('documents')}>
      <h2>{s('documents')}</h2>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="sale-slot-grid">
        {slots.map((slot) => {
          const [latest, ...older] = ofSlot(documents, slot);
          return (
            <div
              key={slot}
              className="sales-card sale-slot"
              data-slot={slot}
              data-status={latest?.status ?? ''}
            >
              <h3>{slotLabel(s, slot)}</h3>
              {latest ? file(latest, true) : <p className="muted">{s('noFile')}</p>}
              {older.length > 0 && (
                <details className="sale-older">
                  <summary>
                    {s('olderFiles')} ({older.length})
                  </summary>
                  {older.map((d) => (
                    <div key={d.id}>{file(d, false)}</div>
                  ))}
                </details>
              )}
            </div>
          );
        })}
      </div>
      {viewing !== null && images[viewing] && (
        <ImageViewer
          images={images.map((d) => ({ ...d.attachment, id: d.id }))}
          index={viewing}
          onIndex={setViewing}
          onClose={() => setViewing(null)}
        />
      )}
    </section>
  );
}
