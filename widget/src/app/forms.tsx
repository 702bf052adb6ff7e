// The forms around the chat: the pre-chat form (validated here as the hub validates it: required and
// pattern), the offline form when nobody is available, and the closing survey with the transcript request.
import { useState } from 'preact/hooks';
import type { PreChatField } from '../types.ts';
import type { Strings } from './strings.ts';

type Result = Promise<{ ok: boolean; error?: { code?: string; message: string } }>;
type FieldDef = Pick<PreChatField, 'key' | 'type' | 'required' | 'pattern' | 'options'> & { label: string };

const emailRe = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A refusal as the visitor reads it: the hub's words, or ours in their language when they went too fast. */
const why = (t: Strings, e?: { code?: string; message: string }) =>
  e?.code === 'rate_limited' ? t.limited : (e?.message ?? t.error);

function validate(fields: FieldDef[], values: Record<string, string>, t: Strings) {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const v = (values[f.key] ?? '').trim();
    if (!v) {
      if (f.required) errors[f.key] = t.required;
      continue;
    }
    let ok = f.type !== 'email' || emailRe.test(v);
    if (f.pattern) {
      try {
        ok &&= new RegExp(`^(?:${f.pattern})$`).test(v);
      } catch {}
    }
    if (!ok) errors[f.key] = t.invalid;
  }
  return errors;
}

function Form(props: {
  fields: FieldDef[];
  submit: string;
  t: Strings;
  onSubmit(values: Record<string, string>): Result;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const errs = validate(props.fields, values, props.t);
    setErrors(errs);
    const first = props.fields.find((f) => errs[f.key]);
    if (first) return document.getElementById(`f-${first.key}`)?.focus();
    setBusy(true);
    const res = await props.onSubmit(values);
    setBusy(false);
    setFailure(res.ok ? '' : why(props.t, res.error));
  };
  return (
    <form class="form" onSubmit={submit} noValidate>
      {props.fields.map((f) => {
        const id = `f-${f.key}`;
        const common = {
          id,
          name: f.key,
          required: f.required,
          'aria-invalid': errors[f.key] ? true : undefined,
          'aria-describedby': errors[f.key] ? `${id}-e` : undefined,
          value: values[f.key] ?? '',
          onInput: (e: Event) => setValues({ ...values, [f.key]: (e.target as HTMLInputElement).value }),
          dir: 'auto' as const,
        };
        return (
          <div class="field" key={f.key}>
            <label for={id}>
              {f.label}
              {f.required && <span aria-hidden="true"> *</span>}
            </label>
            {f.type === 'select' ? (
              <select {...common}>
                <option value="" />
                {(f.options ?? []).map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            ) : f.key === 'message' ? (
              <textarea {...common} rows={4} />
            ) : f.type === 'email' ? (
              <input {...common} type="email" autoComplete="email" />
            ) : f.type === 'tel' ? (
              <input {...common} type="tel" autoComplete="tel" />
            ) : (
              <input {...common} type="text" />
            )}
            {errors[f.key] && (
              <span class="err" id={`${id}-e`}>
                {errors[f.key]}
              </span>
            )}
          </div>
        );
      })}
      {failure && (
        <p class="err" role="alert">
          {failure}
        </p>
      )}
      <button class="primary" type="submit" disabled={busy}>
        {props.submit}
      </button>
    </form>
  );
}

export function PreChat(props: {
  fields: PreChatField[];
  t: Strings;
  onSubmit(v: Record<string, string>): Result;
}) {
  const { t } = props;
  const known: Record<string, string> = { name: t.name, email: t.email, phone: t.phone };
  const fields = props.fields.map((f) => ({ ...f, label: f.label ?? known[f.key] ?? f.key }));
  return (
    <section class="pane" aria-labelledby="pc-h">
      <p id="pc-h">{t.preChatIntro}</p>
      <Form fields={fields} submit={t.start} t={t} onSubmit={props.onSubmit} />
    </section>
  );
}

export function Offline(props: {
  t: Strings;
  hint: string | null;
  onSubmit(v: Record<string, string>): Result;
}) {
  const { t } = props;
  const [done, setDone] = useState(false);
  const fields: FieldDef[] = [
    { key: 'name', label: t.name, type: 'text', required: true },
    { key: 'email', label: t.email, type: 'email', required: true },
    { key: 'phone', label: t.phone, type: 'tel', required: false },
    { key: 'message', label: t.message, type: 'text', required: true },
  ];
  return (
    <section class="pane" aria-labelledby="off-h">
      <h2 id="off-h">{t.away}</h2>
      {props.hint && <p>{props.hint}</p>}
      {done ? (
        <p role="status">{t.offlineThanks}</p>
      ) : (
        <>
          <p>{t.awayHint}</p>
          <Form
            fields={fields}
            submit={t.submit}
            t={t}
            onSubmit={async (v) => {
              const res = await props.onSubmit(v);
              if (res.ok) setDone(true);
              return res;
            }}
          />
        </>
      )}
    </section>
  );
}

export function Survey(props: {
  t: Strings;
  farewell: string;
  submit(rating: number, comment?: string): Result;
  transcript(email: string): Result;
}) {
  const { t } = props;
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [rated, setRated] = useState(false);
  const [msg, setMsg] = useState('');
  const [mailed, setMailed] = useState(false);
  const rate = async (e: Event) => {
    e.preventDefault();
    if (!rating) return;
    const res = await props.submit(rating, comment.trim() || undefined);
    setRated(res.ok);
    setMsg(res.ok ? '' : why(t, res.error));
  };
  return (
    <section class="survey" aria-labelledby="sv-h">
      <p id="sv-h" dir="auto">
        {props.farewell}
      </p>
      {rated ? (
        <p role="status">{t.rateThanks}</p>
      ) : (
        <form onSubmit={rate}>
          <fieldset class="stars">
            <legend>{t.rate}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} class={n <= rating ? 'on' : ''}>
                <input
                  type="radio"
                  name="rating"
                  value={n}
                  checked={rating === n}
                  onChange={() => setRating(n)}
                  aria-label={t.star.replace('{n}', String(n))}
                />
                <span aria-hidden="true">★</span>
              </label>
            ))}
          </fieldset>
          <label for="sv-c">{t.comment}</label>
          <textarea
            id="sv-c"
            rows={2}
            dir="auto"
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          <button class="primary" type="submit" disabled={!rating}>
            {t.rateSend}
          </button>
        </form>
      )}
      {msg && (
        <p class="err" role="alert">
          {msg}
        </p>
      )}
      {mailed ? (
        <p role="status">{t.transcriptSent}</p>
      ) : (
        <form
          class="row"
          onSubmit={async (e) => {
            e.preventDefault();
            const email = (e.currentTarget.elements.namedItem('email') as HTMLInputElement).value.trim();
            if (!emailRe.test(email)) return setMsg(t.invalid);
            const res = await props.transcript(email);
            setMailed(res.ok);
            setMsg(res.ok ? '' : why(t, res.error));
          }}
        >
          <label for="sv-e">{t.transcript}</label>
          <input id="sv-e" name="email" type="email" autoComplete="email" />
          <button type="submit">{t.submit}</button>
        </form>
      )}
    </section>
  );
}
