// The shape of a procedure form (issue 18, item 5): fields with a type and rules, fields shown only when an
// earlier answer asks for them, and an observation text composed from the answers. Plain types, no zod: the
// console imports the evaluator to check answers as the agent types; shared/forms.schema.ts checks a
// definition an admin sends against these types.

export const formLocales = ['es', 'en', 'ar'] as const;
export type FormLocale = (typeof formLocales)[number];

/** A text in the console's three languages; a definition may leave some out (the others stand in). */
export type LocalText = Partial<Record<FormLocale, string>>;
/** Our own texts (error messages): always all three. */
export type Text3 = Record<FormLocale, string>;

export const fieldTypes = [
  'text',
  'integer',
  'number',
  /** Bolivianos, at most 2 decimals. */
  'amount',
  'yes_no',
  'choice',
  /** YYYY-MM-DD. */
  'date',
  'phone',
  /** The national ID (carnet, CI): digits, an optional complement (-1A) and department (LP, CB ...). */
  'national_id',
] as const;
export type FieldType = (typeof fieldTypes)[number];

export type ChoiceOption = { value: string; label: LocalText };

/** A value an earlier answer must have for the field to appear. */
export type ShowIf = { field: string; equals: string | number | boolean };

export type FormField = {
  key: string;
  type: FieldType;
  label: LocalText;
  help?: LocalText;
  /** Default true. A field hidden by its showIf is never required. */
  required?: boolean;
  /** integer, number, amount: bounds (inclusive unless minExclusive). */
  min?: number;
  minExclusive?: boolean;
  max?: number;
  /** text: exactly this many digits and nothing else (spaces typed between them are dropped). */
  digits?: number;
  /** text: length bounds after trimming. */
  minLength?: number;
  maxLength?: number;
  /** text: a regular expression the whole answer must match, and the reason shown when it does not. */
  pattern?: { regex: string; reason: LocalText };
  /** choice: the options, their value stored and their label shown. */
  options?: ChoiceOption[];
  showIf?: ShowIf;
};

export type FormDefinition = {
  fields: FormField[];
  /**
   * The observation composed from the answers: `{{key}}` inserts an answer, `{{#if key}}…{{else}}…{{/if}}`
   * and `{{#unless key}}…{{/unless}}` keep a part when the answer is given and not "no". Null: none.
   */
  observation: string | null;
  /** The language the observation's values (yes/no, choice labels) are written in. */
  locale: FormLocale;
};

/** An answer as stored: normalised text, a number, or yes/no as a boolean. */
export type AnswerValue = string | number | boolean;
export type Answers = Record<string, AnswerValue>;

export const answerErrorCodes = [
  'required',
  'unknown_field',
  'not_text',
  'not_a_number',
  'not_an_integer',
  'too_many_decimals',
  'too_small',
  'too_large',
  'wrong_digits',
  'too_short',
  'too_long',
  'pattern',
  'not_yes_no',
  'not_an_option',
  'not_a_date',
  'not_a_phone',
  'not_a_national_id',
] as const;
export type AnswerErrorCode = (typeof answerErrorCodes)[number];

export type AnswerError = { field: string; code: AnswerErrorCode; message: Text3 };

export type Evaluation =
  | { ok: true; answers: Answers; observation: string | null; visible: string[] }
  | { ok: false; errors: AnswerError[]; answers: Answers; visible: string[] };

/** The label in `locale`, else the first one given. */
export function localText(t: LocalText | undefined, locale: FormLocale): string {
  if (!t) return '';
  return t[locale] ?? t.es ?? t.en ?? t.ar ?? '';
}
