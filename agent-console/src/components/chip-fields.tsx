// Chips for a list value: chosen from a list (a select of what is not chosen yet) or typed freely (Enter
// or comma makes a chip, Backspace in the empty box takes the last one back). Each chip has its remove
// button, named for what it removes.
import { type KeyboardEvent, useId, useState } from 'react';
import { useI18n } from '../i18n.tsx';

export type ChipOption = { value: string; label: string };

function Chips(props: { items: ChipOption[]; onRemove(value: string): void }) {
  const { t } = useI18n();
  if (!props.items.length) return null;
  return (
    <ul className="chips">
      {props.items.map((o) => (
        <li key={o.value} className="chip" data-value={o.value}>
          <bdi>{o.label}</bdi>
          <button
            type="button"
            aria-label={t('ruleRemoveChip', { name: o.label })}
            onClick={() => props.onRemove(o.value)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

export function ChipSelect(props: {
  label: string;
  addLabel: string;
  options: ChipOption[];
  value: string[];
  onChange(value: string[]): void;
}) {
  const known = new Map(props.options.map((o) => [o.value, o.label]));
  const chosen = props.value.map((value) => ({ value, label: known.get(value) ?? value }));
  const left = props.options.filter((o) => !props.value.includes(o.value));
  return (
    <fieldset className="chip-field">
      <legend className="chip-label">{props.label}</legend>
      <Chips items={chosen} onRemove={(v) => props.onChange(props.value.filter((x) => x !== v))} />
      {left.length > 0 && (
        <select
          aria-label={props.label}
          value=""
          onChange={(e) => e.target.value && props.onChange([...props.value, e.target.value])}
        >
          <option value="">{props.addLabel}</option>
          {left.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </fieldset>
  );
}

export function ChipInput(props: {
  label: string;
  hint: string;
  value: string[];
  onChange(value: string[]): void;
  maxLength: number;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const commit = (raw: string) => {
    const words = raw
      .split(',')
      .map((w) => w.trim())
      .filter((w) => w && !props.value.some((v) => v.toLocaleLowerCase() === w.toLocaleLowerCase()));
    if (words.length) props.onChange([...props.value, ...new Set(words)]);
    setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      // Enter makes a chip; it must not submit the rule half-typed.
      e.preventDefault();
      commit(text);
    } else if (e.key === 'Backspace' && !text && props.value.length) {
      props.onChange(props.value.slice(0, -1));
    }
  };
  return (
    <fieldset className="chip-field">
      <legend className="chip-label">{props.label}</legend>
      <Chips
        items={props.value.map((v) => ({ value: v, label: v }))}
        onRemove={(v) => props.onChange(props.value.filter((x) => x !== v))}
      />
      <input
        aria-label={props.label}
        aria-describedby={`${id}-hint`}
        dir="auto"
        value={text}
        maxLength={props.maxLength}
        onChange={(e) => (e.target.value.includes(',') ? commit(e.target.value) : setText(e.target.value))}
        onKeyDown={onKeyDown}
        onBlur={() => text.trim() && commit(text)}
      />
      <small id={`${id}-hint`} className="muted">
        {props.hint}
      </small>
    </fieldset>
  );
}
