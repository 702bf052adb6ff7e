// What an import did, for the supervisor: a progress bar while the worker stores the rows, the columns
// the hub read ("column C 'Celular' → phone"), and every refused line with its reason and column; below,
// the campaign's earlier imports with their counts.
import {
  columnsOf,
  fieldLabel,
  importStatusLabel,
  type PortfolioImport,
  refusalLabel,
  useSalesText,
  when,
} from './sales-text.ts';

export function ImportProgress(props: { imp: PortfolioImport }) {
  const { s } = useSalesText();
  const { total, processed, status } = props.imp;
  const pct = status === 'done' || total === 0 ? 100 : Math.min(100, Math.floor((processed / total) * 100));
  return (
    <div className="sales-progress" data-status={status}>
      <div
        className="sales-bar"
        role="progressbar"
        aria-label={s('importRunning')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <span style={{ inlineSize: `${pct}%` }} />
      </div>
      <span className="sales-pct">
        <bdi>{pct} %</bdi> · {importStatusLabel(s, status)} · {s('progress', { done: processed, total })}
      </span>
      {props.imp.error && (
        <p className="alert" role="alert">
          {props.imp.error}
        </p>
      )}
    </div>
  );
}

export function ImportReport(props: { imp: PortfolioImport }) {
  const { s } = useSalesText();
  const columns = columnsOf(props.imp);
  const letterOf = (header?: string) => columns.find((c) => c.header === header);
  const { refused } = props.imp;
  return (
    <div className="sales-import-report">
      <section>
        <h3>{s('columnsRead')}</h3>
        <ul className="sales-columns">
          {columns.map((c) => (
            <li key={c.index} data-letter={c.letter} data-field={c.field}>
              {s('columnAs', { letter: c.letter, header: c.header, field: fieldLabel(s, c.field) })}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3>{s('refusedTitle', { n: refused.length })}</h3>
        {refused.length === 0 ? (
          <p className="muted">{s('noneRefused')}</p>
        ) : (
          <div className="sales-table-wrap">
            <table className="grid sales-refused">
              <thead>
                <tr>
                  <th>{s('line')}</th>
                  <th>{s('reason')}</th>
                  <th>{s('column')}</th>
                </tr>
              </thead>
              <tbody>
                {refused.map((r) => {
                  const col = letterOf(r.field);
                  return (
                    <tr key={`${r.line}-${r.code}`} data-line={r.line} data-code={r.code}>
                      <td>{r.line}</td>
                      <td>
                        {refusalLabel(s, r.code)}
                        <small className="muted" dir="auto">
                          {r.message}
                        </small>
                      </td>
                      <td className="sales-nowrap">
                        {col ? `${col.letter} “${col.header}”` : (r.field ?? '—')}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export function ImportHistory(props: {
  imports: PortfolioImport[] | null;
  shown: string | null;
  onShow(i: PortfolioImport): void;
}) {
  const { s, lang } = useSalesText();
  if (!props.imports) return null;
  return (
    <section className="sales-history">
      <h3>{s('history')}</h3>
      {props.imports.length === 0 ? (
        <p className="muted">{s('noImports')}</p>
      ) : (
        <div className="sales-table-wrap">
          <table className="grid">
            <thead>
              <tr>
                <th>{s('file')}</th>
                <th>{s('when')}</th>
                <th>{s('status')}</th>
                <th>{s('added')}</th>
                <th>{s('alreadyThere')}</th>
                <th>{s('matched')}</th>
                <th>{s('refused')}</th>
              </tr>
            </thead>
            <tbody>
              {props.imports.map((i) => (
                <tr key={i.id} data-import={i.id} className={i.id === props.shown ? 'sel' : ''}>
                  <td>
                    <button type="button" className="link" onClick={() => props.onShow(i)}>
                      <bdi>{i.fileName}</bdi>
                    </button>
                  </td>
                  <td>{when(i.createdAt, lang)}</td>
                  <td>{importStatusLabel(s, i.status)}</td>
                  <td data-col="added">{i.added}</td>
                  <td data-col="alreadyThere">{i.alreadyThere}</td>
                  <td data-col="matched">{i.matchedContacts}</td>
                  <td data-col="refused">{i.refused.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
