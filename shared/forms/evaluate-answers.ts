// Checks an agent's answers to a procedure form and composes its observation. The hub runs it before it
// stores a response; the console runs the same code as the agent types. Rules, in the definition's order:
// - a field with showIf appears only when the earlier field it names is shown and answered with that
//   value; a hidden field is neither required nor stored (whatever was typed into it before);
// - an empty answer (missing, null, blank) is refused only when the field is required;
// - each answer is read by its type and stored normalised (trimmed text, numbers as numbers, an amount
//   rounded to its 2 decimals, yes/no as a boolean, a phone in E.164, a CI in upper case).
// No Node-only code and no zod here.
import { toE164 } from '../phone.ts';
import { answerMessage } from './answer-messages.ts';
import {
  type AnswerError,
  type AnswerErrorCode,
  type Answers,
  type AnswerValue,
  type Evaluation,
  type FormDefinition,
  type FormField,
  type FormLocale,
  localText,
} from './form-types.ts';
import { renderTemplate } from './observation-template.ts';

/** No text answer is longer than this, whatever the field says. */
export const maxAnswerLength = 2000;

type Read = { ok: true; value: AnswerValue } | { ok: false; code: AnswerErrorCode };

const fail = (code: AnswerErrorCode): Read => ({ ok: false, code });

export function evaluateAnswers(def: FormDefinition, raw: Record<string, unknown>): Evaluation {
  const errors: AnswerError[] = [];
  const answers: Answers = {};
  const visible: string[] = [];
  const byKey = new Map(def.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(raw)) {
    const field = byKey.get(key);
    if (!field)
      errors.push({
        field: key,
        code: 'unknown_field',
        message: answerMessage('unknown_field', unknownField(key)),
      });
  }
  for (const field of def.fields) {
    if (!isShown(field, visible, answers)) continue;
    visible.push(field.key);
    const given = raw[field.key];
    if (isEmpty(given)) {
      if (field.required !== false) errors.push(errorOf(field, 'required'));
      continue;
    }
    const read = readAnswer(field, given);
    if (read.ok) answers[field.key] = read.value;
    else errors.push(errorOf(field, read.code));
  }
  if (errors.length) return { ok: false, errors, answers, visible };
  return { ok: true, answers, visible, observation: composeObservation(def, answers) };
}

function isShown(field: FormField, visible: string[], answers: Answers): boolean {
  if (!field.showIf) return true;
  const { field: other, equals } = field.showIf;
  return visible.includes(other) && answers[other] === equals;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const errorOf = (field: FormField, code: AnswerErrorCode): AnswerError => ({
  field: field.key,
  code,
  message: answerMessage(code, field),
});

const unknownField = (key: string): FormField => ({ key, type: 'text', label: {} });

export function readAnswer(field: FormField, given: unknown): Read {
  switch (field.type) {
    case 'text':
      return readText(field, given);
    case 'integer':
    case 'number':
    case 'amount':
      return readNumber(field, given);
    case 'yes_no':
      return readYesNo(given);
    case 'choice': {
      const value = typeof given === 'number' ? String(given) : given;
      if (typeof value !== 'string') return fail('not_an_option');
      const option = field.options?.find((o) => o.value === value.trim());
      return option ? { ok: true, value: option.value } : fail('not_an_option');
    }
    case 'date':
      return readDate(given);
    case 'phone': {
      if (typeof given !== 'string' && typeof given !== 'number') return fail('not_a_phone');
      const e164 = toE164(String(given), 'BO');
      return e164 ? { ok: true, value: e164 } : fail('not_a_phone');
    }
    case 'national_id':
      return readNationalId(given);
  }
}

function readText(field: FormField, given: unknown): Read {
  if (typeof given !== 'string' && typeof given !== 'number') return fail('not_text');
  let text = String(given).trim();
  if (field.digits !== undefined) {
    text = text.replace(/\s+/g, '');
    if (!/^\d+$/.test(text) || text.length !== field.digits) return fail('wrong_digits');
  }
  const length = [...text].length;
  if (field.minLength !== undefined && length < field.minLength) return fail('too_short');
  if (length > (field.maxLength ?? maxAnswerLength)) return fail('too_long');
  if (field.pattern && !compilePattern(field.pattern.regex)?.test(text)) return fail('pattern');
  return { ok: true, value: text };
}

/** The pattern matched against the whole answer; null when it does not compile (refused at definition). */
export function compilePattern(regex: string): RegExp | null {
  try {
    return new RegExp(`^(?:${regex})$`, 'u');
  } catch {
    return null;
  }
}

function readNumber(field: FormField, given: unknown): Read {
  let n: number;
  let decimals = 0;
  if (typeof given === 'number') {
    if (!Number.isFinite(given)) return fail('not_a_number');
    n = given;
    decimals = (String(given).split('.')[1] ?? '').length;
  } else if (typeof given === 'string') {
    // A decimal comma is how the floor writes Bs 150,50.
    const m = /^([+-]?\d{1,15})(?:[.,](\d+))?$/.exec(given.trim());
    if (!m) return fail('not_a_number');
    n = Number(`${m[1]}.${m[2] ?? '0'}`);
    decimals = (m[2] ?? '').replace(/0+$/, '').length;
  } else {
    return fail('not_a_number');
  }
  if (field.type === 'integer' && (decimals > 0 || !Number.isInteger(n))) return fail('not_an_integer');
  if (field.type === 'amount') {
    if (decimals > 2) return fail('too_many_decimals');
    n = Math.round(n * 100) / 100;
  }
  if (field.min !== undefined && (field.minExclusive ? n <= field.min : n < field.min))
    return fail('too_small');
  if (field.max !== undefined && n > field.max) return fail('too_large');
  return { ok: true, value: n };
}

const yes = new Set(['yes', 'y', 'si', 'sí', 's', 'true', '1', 'نعم']);
const no = new Set(['no', 'n', 'false', '0', 'لا']);

function readYesNo(given: unknown): Read {
  if (typeof given === 'boolean') return { ok: true, value: given };
  const word = String(given).trim().toLowerCase();
  if (typeof given === 'string' || typeof given === 'number') {
    if (yes.has(word)) return { ok: true, value: true };
    if (no.has(word)) return { ok: true, value: false };
  }
  return fail('not_yes_no');
}

function readDate(given: unknown): Read {
  if (typeof given !== 'string') return fail('not_a_date');
  const text = given.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return fail('not_a_date');
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text ? { ok: true, value: text } : fail('not_a_date');
}

// Bolivian carnet: the number, an optional complement (duplicates: -1A) and the issuing department.
const nationalId = /^(\d{4,10})(?:\s*-?\s*(\d[A-Z]))?(?:\s*-?\s*(LP|CB|SC|OR|PT|CH|TJ|BE|PD|BN|PA))?$/;

function readNationalId(given: unknown): Read {
  if (typeof given !== 'string' && typeof given !== 'number') return fail('not_a_national_id');
  const m = nationalId.exec(String(given).trim().toUpperCase().replace(/\./g, ''));
  if (!m) return fail('not_a_national_id');
  return { ok: true, value: `${m[1]}${m[2] ? `-${m[2]}` : ''}${m[3] ? ` ${m[3]}` : ''}` };
}

const yesNoWords: Record<FormLocale, [string, string]> = {
  es: ['Sí', 'No'],
  en: ['Yes', 'No'],
  ar: ['نعم', 'لا'],
};

/** An answer as the observation (and the CSV) writes it. */
export function showAnswer(
  field: FormField | undefined,
  value: AnswerValue | undefined,
  locale: FormLocale,
): string {
  if (value === undefined) return '';
  if (!field) return String(value);
  if (field.type === 'yes_no') return yesNoWords[locale][value ? 0 : 1];
  if (field.type === 'amount' && typeof value === 'number') return value.toFixed(2);
  if (field.type === 'choice') {
    const option = field.options?.find((o) => o.value === value);
    return option ? localText(option.label, locale) || option.value : String(value);
  }
  return String(value);
}

/** The observation for answers already checked (null when the form composes none). */
export function composeObservation(def: FormDefinition, answers: Answers): string | null {
  if (!def.observation) return null;
  const byKey = new Map(def.fields.map((f) => [f.key, f]));
  return renderTemplate(
    def.observation,
    (key) => showAnswer(byKey.get(key), answers[key], def.locale),
    (key) => answers[key] !== undefined && answers[key] !== false && answers[key] !== '',
  );
}
