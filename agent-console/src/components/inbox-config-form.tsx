// An inbox's config form, generated from its channel's JSON Schema (GET /api/v1/channels, converted from
// the adapter's zod schema): a new channel or config key shows up here without console changes. The hub
// stays the judge of validity — the form sets no browser constraints that would hide its 400/422 message.
import type { ChannelJson } from '#shared/api.schema.ts';
import { useI18n } from '../i18n.tsx';
import { configLabel } from './config-labels.ts';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  format?: string;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: (string | number)[];
  default?: unknown;
  /** A field's name, when the channel's schema gives one (zod `.meta({ title })`). */
  title?: string;
};

/**
 * Marked "*" only where the admin must type something: a checkbox is always sent (false when
 * untouched), a default fills itself, and a group's own fields carry the marks.
 */
export const mustFill = (parent: JsonSchema, key: string, s: JsonSchema): boolean =>
  (parent.required?.includes(key) ?? false) &&
  s.type !== 'boolean' &&
  s.type !== 'object' &&
  s.default === undefined;

/** A channel kind as GET /channels describes it (shared/api.schema.ts), its config schema typed for the form. */
export type ChannelInfo = Omit<ChannelJson, 'configSchema'> & { configSchema: JsonSchema };

export type Obj = Record<string, unknown>;
/** How the hub shows a saved secret; sent back unchanged, it keeps the saved value. */
export const MASK = '********';
const HEX_COLOUR = '^#[0-9a-fA-F]{6}$';

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The config to send: a required checkbox the admin never touched means false (not "missing"), and a
 * schema default fills an untouched key, as the hub would have.
 */
export function completeConfig(schema: JsonSchema, value: Obj): Obj {
  const out: Obj = { ...value };
  for (const [key, s] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(key) ?? false;
    if (s.type === 'object' && (required || isObj(out[key]))) {
      out[key] = completeConfig(s, isObj(out[key]) ? (out[key] as Obj) : {});
    } else if (out[key] === undefined && s.default !== undefined) out[key] = s.default;
    else if (out[key] === undefined && required && s.type === 'boolean') out[key] = false;
  }
  return out;
}

export function ConfigForm(props: {
  schema: JsonSchema;
  value: Obj;
  onChange(v: Obj): void;
  secretFields: string[];
  /** Placeholder of a saved secret's empty field. */
  unchangedLabel: string;
}) {
  return <Fields {...props} path="" />;
}

function Fields(props: {
  schema: JsonSchema;
  value: Obj;
  onChange(v: Obj): void;
  secretFields: string[];
  unchangedLabel: string;
  path: string;
}) {
  const { schema, value } = props;
  const { lang } = useI18n();
  const labelOf = (key: string, s: JsonSchema) => configLabel(key, lang, s.title);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, s]) => {
        const path = props.path ? `${props.path}.${key}` : key;
        const set = (v: unknown) => {
          const next = { ...value };
          if (v === undefined) delete next[key];
          else next[key] = v;
          props.onChange(next);
        };
        if (s.type === 'object') {
          return (
            <fieldset key={key} data-field={path}>
              <legend>{labelOf(key, s)}</legend>
              <Fields
                {...props}
                schema={s}
                value={isObj(value[key]) ? (value[key] as Obj) : {}}
                onChange={set}
                path={path}
              />
            </fieldset>
          );
        }
        return (
          <Field
            key={key}
            name={path}
            label={labelOf(key, s) + (mustFill(schema, key, s) ? ' *' : '')}
            schema={s}
            secret={props.secretFields.includes(path)}
            unchangedLabel={props.unchangedLabel}
            value={value[key]}
            onChange={set}
          />
        );
      })}
    </>
  );
}

function Field(props: {
  name: string;
  label: string;
  schema: JsonSchema;
  secret: boolean;
  unchangedLabel: string;
  value: unknown;
  onChange(v: unknown): void;
}) {
  const { schema: s, value, name } = props;
  if (s.type === 'boolean') {
    return (
      <label className="check">
        <input
          type="checkbox"
          name={name}
          checked={value === true}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        {props.label}
      </label>
    );
  }
  if (s.enum) {
    return (
      <label>
        {props.label}
        <select
          name={name}
          value={String(value ?? '')}
          onChange={(e) => props.onChange(e.target.value || undefined)}
        >
          <option value="">—</option>
          {s.enum.map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (s.type === 'integer' || s.type === 'number') {
    return (
      <label>
        {props.label}
        <input
          type="number"
          name={name}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      </label>
    );
  }
  // Strings, and anything else typed as text: the hub parses it.
  const text = typeof value === 'string' ? value : '';
  const setText = (v: string) => props.onChange(v === '' ? undefined : v);
  if (props.secret) {
    return (
      <label>
        {props.label}
        <input
          type="password"
          name={name}
          dir="ltr"
          autoComplete="new-password"
          value={text === MASK ? '' : text}
          placeholder={text === MASK ? props.unchangedLabel : ''}
          // An emptied saved secret goes back as the mask: the hub keeps it.
          onChange={(e) =>
            props.onChange(e.target.value === '' && text === MASK ? MASK : e.target.value || undefined)
          }
        />
      </label>
    );
  }
  if ((s.maxLength ?? 0) >= 500) {
    return (
      <label>
        {props.label}
        <textarea name={name} rows={3} dir="auto" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
    );
  }
  const type = s.format === 'email' ? 'email' : s.format === 'uri' ? 'url' : 'text';
  if (s.pattern !== HEX_COLOUR) {
    return (
      <label>
        {props.label}
        <input name={name} type={type} dir="auto" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
    );
  }
  // A colour: typed as hex (what the hub stores) or picked.
  return (
    <span className="inline">
      <label>
        {props.label}
        <input name={name} type={type} dir="auto" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <input
        type="color"
        aria-label={props.label}
        value={/^#[0-9a-fA-F]{6}$/.test(text) ? text : '#000000'}
        onChange={(e) => setText(e.target.value)}
      />
    </span>
  );
}
