// One field of a procedure form as the agent fills it, drawn by its type: text, numbers and amounts in Bs,
// yes/no as two radio buttons, a choice as a list, a date, a phone, a national ID (CI). Its label and help
// come with the form in the agent's language; the refusal (the console's own evaluator as they type, or the
// hub's) sits under it.
import type { ReactElement } from 'react';
import type { FormField } from '#shared/forms/form-types.ts';
import { localText } from '#shared/forms/form-types.ts';
import { useFormsText } from './forms-text.ts';

export type RawAnswer = string | boolean;

export function FormFieldInput(props: {
  field: FormField;
  value: RawAnswer | undefined;
  error: { text: string; code: string; fromHub: boolean } | null;
  onChange(value: RawAnswer): void;
  onBlur(): void;
}) {
  const { f, lang } = useFormsText();
  const { field } = props;
  const id = `form-field-${field.key}`;
  const label = localText(field.label, lang) || field.key;
  const help = localText(field.help, lang);
  const errorId = `${id}-error`;
  const described = [help ? `${id}-help` : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: field.key,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': described || undefined,
    onBlur: props.onBlur,
  };
  const text = typeof props.value === 'string' ? props.value : '';
  let input: ReactElement;
  switch (field.type) {
    case 'yes_no':
      input = (
        <div
          className="forms-yes-no"
          role="radiogroup"
          id={id}
          aria-labelledby={`${id}-label`}
          aria-invalid={common['aria-invalid']}
          aria-describedby={common['aria-describedby']}
        >
          {([true, false] as const).map((v) => (
            <label key={String(v)}>
              <input
                type="radio"
                name={field.key}
                value={v ? 'yes' : 'no'}
                checked={props.value === v}
                onChange={() => props.onChange(v)}
                onBlur={props.onBlur}
              />
              {v ? f('formsYes') : f('formsNo')}
            </label>
          ))}
        </div>
      );
      break;
    case 'choice':
      input = (
        <select {...common} value={text} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{f('formsSelect')}</option>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {localText(o.label, lang) || o.value}
            </option>
          ))}
        </select>
      );
      break;
    case 'date':
      input = <input {...common} type="date" value={text} onChange={(e) => props.onChange(e.target.value)} />;
      break;
    case 'amount':
      input = (
        <span className="forms-amount">
          <input
            {...common}
            type="text"
            inputMode="decimal"
            dir="ltr"
            value={text}
            onChange={(e) => props.onChange(e.target.value)}
          />
          <span className="forms-unit">{f('formsBs')}</span>
        </span>
      );
      break;
    default: {
      const numeric = field.type === 'integer' || field.type === 'number' || field.digits !== undefined;
      const ltr = numeric || field.type === 'phone' || field.type === 'national_id';
      input = (
        <input
          {...common}
          type={field.type === 'phone' ? 'tel' : 'text'}
          inputMode={numeric ? (field.type === 'number' ? 'decimal' : 'numeric') : undefined}
          dir={ltr ? 'ltr' : undefined}
          value={text}
          onChange={(e) => props.onChange(e.target.value)}
        />
      );
    }
  }
  return (
    <div className="forms-field" data-field={field.key} data-type={field.type} data-invalid={!!props.error}>
      {field.type === 'yes_no' ? (
        <span className="forms-label" id={`${id}-label`}>
          {label} {field.required === false && <span className="muted">{f('formsOptional')}</span>}
        </span>
      ) : (
        <label className="forms-label" htmlFor={id} id={`${id}-label`}>
          {label} {field.required === false && <span className="muted">{f('formsOptional')}</span>}
        </label>
      )}
      {input}
      {help && (
        <small className="muted" id={`${id}-help`}>
          {help}
        </small>
      )}
      {props.error && (
        <p
          className="forms-error"
          id={errorId}
          role="alert"
          data-error-for={field.key}
          data-code={props.error.code}
          data-source={props.error.fromHub ? 'hub' : 'console'}
        >
          {props.error.text}
        </p>
      )}
    </div>
  );
}
