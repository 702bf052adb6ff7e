// The advisor's two forms for one customer: step 1 the checks in the CRM (impediment, technology and
// technical capacity), step 2 the call's outcome. Made for someone doing it a hundred times a day: the
// first choice has the focus, Enter anywhere in the form records it, and the usual answers are preset.
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import type { CallOutcomeBody, EntryChecksBody } from '#shared/sales.schema.ts';
import { useSalesText } from './sales-text.ts';

/** Enter on a radio or a select records the form too (a text input does that by itself). */
const enterSubmits = (e: KeyboardEvent<HTMLFormElement>) => {
  const el = e.target as HTMLElement;
  if (e.key !== 'Enter' || el.tagName === 'TEXTAREA' || el.tagName === 'BUTTON') return;
  if (el instanceof HTMLInputElement && el.type !== 'radio' && el.type !== 'checkbox') return;
  e.preventDefault();
  e.currentTarget.requestSubmit();
};

export function ChecksForm(props: { busy: boolean; onSubmit(body: EntryChecksBody): void }) {
  const { s } = useSalesText();
  const [blocked, setBlocked] = useState(false);
  const [impediment, setImpediment] = useState('');
  const [technology, setTechnology] = useState<EntryChecksBody['technology'] | ''>('');
  const [capacity, setCapacity] = useState(true);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!technology) return;
    props.onSubmit({ impediment: blocked ? impediment.trim() || null : null, technology, capacity });
  };
  return (
    <form className="sales-step" onSubmit={submit} onKeyDown={enterSubmits} aria-label={s('step1')}>
      <h3>{s('step1')}</h3>
      <fieldset>
        <legend>{s('impediment')}</legend>
        <label>
          <input
            type="radio"
            name="impediment"
            checked={!blocked}
            // biome-ignore lint/a11y/noAutofocus: the advisor starts every customer here
            autoFocus
            onChange={() => setBlocked(false)}
          />
          {s('noImpediment')}
        </label>
        <label>
          <input type="radio" name="impediment" checked={blocked} onChange={() => setBlocked(true)} />
          {s('impedimentOther')}
        </label>
        <input
          name="impedimentText"
          aria-label={s('impedimentText')}
          dir="auto"
          maxLength={500}
          required={blocked}
          value={impediment}
          onChange={(e) => {
            setImpediment(e.target.value);
            setBlocked(e.target.value.trim() !== '');
          }}
        />
      </fieldset>
      <fieldset>
        <legend>{s('technology')}</legend>
        {(['copper', 'fibre'] as const).map((tech) => (
          <label key={tech}>
            <input
              type="radio"
              name="technology"
              value={tech}
              required
              checked={technology === tech}
              onChange={() => setTechnology(tech)}
            />
            {s(tech)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{s('capacity')}</legend>
        <label>
          <input type="radio" name="capacity" checked={capacity} onChange={() => setCapacity(true)} />
          {s('yes')}
        </label>
        <label>
          <input type="radio" name="capacity" checked={!capacity} onChange={() => setCapacity(false)} />
          {s('no')}
        </label>
      </fieldset>
      <button type="submit" className="primary" disabled={props.busy}>
        {s('saveChecks')}
      </button>
    </form>
  );
}

type Outcome = CallOutcomeBody['outcome'];

export function OutcomeForm(props: {
  products: string[];
  busy: boolean;
  onSubmit(body: CallOutcomeBody): void;
}) {
  const { s } = useSalesText();
  const [outcome, setOutcome] = useState<Outcome>('no_answer');
  const [at, setAt] = useState('');
  const [reason, setReason] = useState('');
  const [product, setProduct] = useState(props.products.length === 1 ? props.products[0] : '');
  const labels: Record<Outcome, string> = {
    no_answer: s('noAnswer'),
    callback: s('callBack'),
    declined: s('declined'),
    accepted: s('accepted'),
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (outcome === 'no_answer') props.onSubmit({ outcome });
    // datetime-local is the browser's own zone: Date reads it so, and sends it as an instant.
    else if (outcome === 'callback') props.onSubmit({ outcome, callbackAt: new Date(at).toISOString() });
    else if (outcome === 'declined') props.onSubmit({ outcome, reason: reason.trim() });
    else props.onSubmit({ outcome, product: product.trim() });
  };
  return (
    <form className="sales-step" onSubmit={submit} onKeyDown={enterSubmits} aria-label={s('step2')}>
      <h3>{s('step2')}</h3>
      <fieldset className="sales-outcomes">
        <legend className="sr">{s('outcome')}</legend>
        {(Object.keys(labels) as Outcome[]).map((o, i) => (
          <label key={o} data-outcome={o}>
            <input
              type="radio"
              name="outcome"
              value={o}
              checked={outcome === o}
              // biome-ignore lint/a11y/noAutofocus: the checks passed; the call is next
              autoFocus={i === 0}
              onChange={() => setOutcome(o)}
            />
            {labels[o]}
          </label>
        ))}
      </fieldset>
      {outcome === 'callback' && (
        <label>
          {s('callBack')}
          <input
            type="datetime-local"
            name="callbackAt"
            required
            value={at}
            onChange={(e) => setAt(e.target.value)}
          />
        </label>
      )}
      {outcome === 'declined' && (
        <label>
          {s('declineReason')}
          <input
            name="reason"
            required
            maxLength={500}
            dir="auto"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
      )}
      {outcome === 'accepted' &&
        (props.products.length ? (
          <label>
            {s('product')}
            <select name="product" required value={product} onChange={(e) => setProduct(e.target.value)}>
              <option value="">{s('chooseProduct')}</option>
              {props.products.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            {s('otherProduct')}
            <input
              name="product"
              required
              maxLength={120}
              dir="auto"
              value={product}
              onChange={(e) => setProduct(e.target.value)}
            />
          </label>
        ))}
      <button type="submit" className="primary" disabled={props.busy}>
        {s('saveOutcome')}
      </button>
    </form>
  );
}
