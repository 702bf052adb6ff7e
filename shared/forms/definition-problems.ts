// What makes a form definition unusable though well-formed, each with the code the API answers (400):
// two fields with one key, a showIf naming no earlier field, a pattern that does not compile, a rule the
// field's type cannot have, an observation that names no field or does not parse. shared/forms.schema.ts
// turns these into zod issues; the console can show them before it saves. No zod here.
import { compilePattern } from './evaluate-answers.ts';
import type { FormDefinition, FormField } from './form-types.ts';
import { templateProblems } from './observation-template.ts';

export type DefinitionProblemCode =
  | 'form_duplicate_key'
  | 'form_unknown_field'
  | 'form_invalid_pattern'
  | 'form_bad_rule'
  | 'form_bad_template';

export type DefinitionProblem = { code: DefinitionProblemCode; message: string; path: (string | number)[] };

const numeric = new Set(['integer', 'number', 'amount']);

export function definitionProblems(def: Pick<FormDefinition, 'fields' | 'observation'>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const seen = new Map<string, FormField>();
  def.fields.forEach((field, i) => {
    const at = (...rest: (string | number)[]) => ['fields', i, ...rest];
    if (seen.has(field.key)) {
      problems.push({
        code: 'form_duplicate_key',
        path: at('key'),
        message: `the key "${field.key}" is used twice`,
      });
    }
    for (const message of ruleProblems(field)) problems.push({ code: 'form_bad_rule', path: at(), message });
    if (field.pattern && !compilePattern(field.pattern.regex)) {
      problems.push({
        code: 'form_invalid_pattern',
        path: at('pattern', 'regex'),
        message: `the pattern of "${field.key}" is not a regular expression that compiles`,
      });
    }
    if (field.showIf) {
      const other = seen.get(field.showIf.field);
      if (!other) {
        problems.push({
          code: 'form_unknown_field',
          path: at('showIf', 'field'),
          message: `"${field.key}" is shown by "${field.showIf.field}", which is no field before it in this form`,
        });
      } else {
        const wrong = showIfProblem(other, field.showIf.equals);
        if (wrong) problems.push({ code: 'form_bad_rule', path: at('showIf', 'equals'), message: wrong });
      }
    }
    if (!seen.has(field.key)) seen.set(field.key, field);
  });
  if (def.observation) {
    for (const p of templateProblems(def.observation, [...seen.keys()])) {
      problems.push({ code: p.code, path: ['observation'], message: p.message });
    }
  }
  return problems;
}

function ruleProblems(f: FormField): string[] {
  const out: string[] = [];
  const only = (has: boolean, rule: string, types: string) => {
    if (has) out.push(`"${f.key}" is a ${f.type} field: ${rule} is for ${types} fields`);
  };
  only(
    !numeric.has(f.type) && (f.min !== undefined || f.max !== undefined || f.minExclusive !== undefined),
    'min/max',
    'integer, number and amount',
  );
  only(f.type !== 'text' && (f.digits !== undefined || f.pattern !== undefined), 'digits/pattern', 'text');
  only(
    f.type !== 'text' && (f.minLength !== undefined || f.maxLength !== undefined),
    'minLength/maxLength',
    'text',
  );
  only(f.type !== 'choice' && f.options !== undefined, 'options', 'choice');
  if (f.type === 'choice') {
    const values = (f.options ?? []).map((o) => o.value);
    if (values.length === 0) out.push(`"${f.key}" is a choice without options`);
    if (new Set(values).size !== values.length) out.push(`"${f.key}" has two options with one value`);
  }
  if (f.min !== undefined && f.max !== undefined && (f.max < f.min || (f.max === f.min && f.minExclusive))) {
    out.push(`"${f.key}": max is below min, no answer could pass`);
  }
  if (f.minLength !== undefined && f.maxLength !== undefined && f.maxLength < f.minLength) {
    out.push(`"${f.key}": maxLength is below minLength`);
  }
  if (f.type === 'amount') {
    for (const b of [f.min, f.max]) {
      if (b !== undefined && Math.round(b * 100) !== b * 100)
        out.push(`"${f.key}": an amount's bounds have at most 2 decimals`);
    }
  }
  return out;
}

/** showIf's value must be one the field it names can hold. */
function showIfProblem(other: FormField, equals: unknown): string | null {
  const want =
    other.type === 'yes_no'
      ? typeof equals === 'boolean'
      : numeric.has(other.type)
        ? typeof equals === 'number'
        : other.type === 'choice'
          ? (other.options ?? []).some((o) => o.value === equals)
          : typeof equals === 'string';
  if (want) return null;
  const hint =
    other.type === 'yes_no'
      ? 'true or false'
      : numeric.has(other.type)
        ? 'a number'
        : other.type === 'choice'
          ? 'one of its option values'
          : 'a text';
  return `"${other.key}" is a ${other.type} field: showIf.equals must be ${hint}`;
}
