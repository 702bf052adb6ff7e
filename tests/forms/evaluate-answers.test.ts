// The forms evaluator the hub and the console share (shared/forms/): the 109 top-up form (seed 000) refuses
// what the procedure does not allow, asks for the requester's name, CI and relationship only when they are
// not the holder, stores no hidden answer, and composes the observation step 3.2 asks for; each field type
// reads and normalises its answers; a definition the floor could not fill is named with its code.
import { describe, expect, it } from 'vitest';
import { definitionProblems } from '#shared/forms/definition-problems.ts';
import { evaluateAnswers } from '#shared/forms/evaluate-answers.ts';
import type { Evaluation, FormDefinition, FormField } from '#shared/forms/form-types.ts';
import { renderTemplate, templateProblems } from '#shared/forms/observation-template.ts';
import { recarga109 } from '#shared/forms/recarga-109.ts';
import { createFormBody } from '#shared/forms.schema.ts';

const holder = {
  numero_fijacom: '4123456',
  titular_nombre: 'Juan Pérez Mamani',
  titular_ci: '4567890 cb',
  es_titular: true,
  monto: '50',
};
const relative = {
  ...holder,
  es_titular: false,
  solicitante_nombre: 'Ana Pérez Rojas',
  solicitante_ci: '7654321',
  parentesco: 'hijo',
};

const codesOf = (e: Evaluation) => (e.ok ? {} : Object.fromEntries(e.errors.map((x) => [x.field, x.code])));

describe('the 109 "Recarga de bolsillo" form', () => {
  it('refuses 201 Bs and 0 Bs, takes 200 Bs (the 14,000 MB package)', () => {
    expect(codesOf(evaluateAnswers(recarga109, { ...holder, monto: 201 }))).toEqual({ monto: 'too_large' });
    expect(codesOf(evaluateAnswers(recarga109, { ...holder, monto: '200,01' }))).toEqual({
      monto: 'too_large',
    });
    expect(codesOf(evaluateAnswers(recarga109, { ...holder, monto: 0 }))).toEqual({ monto: 'too_small' });
    expect(codesOf(evaluateAnswers(recarga109, { ...holder, monto: '-5' }))).toEqual({ monto: 'too_small' });
    const ok = evaluateAnswers(recarga109, { ...holder, monto: 200 });
    expect(ok.ok).toBe(true);
    expect(ok.answers.monto).toBe(200);
  });

  it('says why an amount is refused in es, en and ar', () => {
    const e = evaluateAnswers(recarga109, { ...holder, monto: 201 });
    expect(e.ok ? null : e.errors[0].message).toEqual({
      es: 'Debe ser como máximo 200 Bs.',
      en: 'Must be at most 200 Bs.',
      ar: 'يجب ألا يزيد عن 200 بوليفيانو.',
    });
  });

  it('reads Bs with a decimal comma and refuses a third decimal', () => {
    expect(evaluateAnswers(recarga109, { ...holder, monto: '150,5' }).answers.monto).toBe(150.5);
    expect(codesOf(evaluateAnswers(recarga109, { ...holder, monto: '10.555' }))).toEqual({
      monto: 'too_many_decimals',
    });
    expect(codesOf(evaluateAnswers(recarga109, { ...holder, monto: 'cien' }))).toEqual({
      monto: 'not_a_number',
    });
  });

  it('wants the Fijacom number as exactly 7 digits', () => {
    expect(codesOf(evaluateAnswers(recarga109, { ...holder, numero_fijacom: '412345' }))).toEqual({
      numero_fijacom: 'wrong_digits',
    });
    expect(codesOf(evaluateAnswers(recarga109, { ...holder, numero_fijacom: '41234567' }))).toEqual({
      numero_fijacom: 'wrong_digits',
    });
    expect(codesOf(evaluateAnswers(recarga109, { ...holder, numero_fijacom: '412-3456' }))).toEqual({
      numero_fijacom: 'wrong_digits',
    });
    expect(
      evaluateAnswers(recarga109, { ...holder, numero_fijacom: ' 412 3456 ' }).answers.numero_fijacom,
    ).toBe('4123456');
  });

  it('demands the requester’s name, CI and relationship when the requester is not the holder', () => {
    const e = evaluateAnswers(recarga109, { ...holder, es_titular: false });
    expect(codesOf(e)).toEqual({
      solicitante_nombre: 'required',
      solicitante_ci: 'required',
      parentesco: 'required',
    });
    expect(e.visible).toContain('parentesco');
    expect(codesOf(evaluateAnswers(recarga109, { ...relative, parentesco: undefined }))).toEqual({
      parentesco: 'required',
    });
    expect(codesOf(evaluateAnswers(recarga109, { ...relative, parentesco: 'vecino' }))).toEqual({
      parentesco: 'not_an_option',
    });
    // "Otro" asks what the relationship is.
    expect(codesOf(evaluateAnswers(recarga109, { ...relative, parentesco: 'otro' }))).toEqual({
      parentesco_detalle: 'required',
    });
  });

  it('does not ask for them, nor store them, when the holder asks', () => {
    const e = evaluateAnswers(recarga109, {
      ...holder,
      solicitante_nombre: 'typed before ticking',
      parentesco: 'conyuge',
    });
    expect(e.ok).toBe(true);
    expect(e.visible).not.toContain('parentesco');
    expect(Object.keys(e.answers).sort()).toEqual(
      ['es_titular', 'monto', 'numero_fijacom', 'titular_ci', 'titular_nombre'].sort(),
    );
  });

  it('composes the observation as step 3.2 asks, for the holder and for a relative', () => {
    const own = evaluateAnswers(recarga109, holder);
    expect(own.ok && own.observation).toBe(
      'Recarga de bolsillo de 50.00 Bs a la línea Fijacom 4123456, titular Juan Pérez Mamani (CI 4567890 CB). ' +
        'Solicita el titular.',
    );
    const other = evaluateAnswers(recarga109, relative);
    expect(other.ok && other.observation).toBe(
      'Recarga de bolsillo de 50.00 Bs a la línea Fijacom 4123456, titular Juan Pérez Mamani (CI 4567890 CB). ' +
        'Solicita: Ana Pérez Rojas, CI 7654321, parentesco: Hijo(a).',
    );
    const detail = evaluateAnswers(recarga109, {
      ...relative,
      parentesco: 'otro',
      parentesco_detalle: 'sobrina',
    });
    expect(detail.ok && detail.observation).toContain(
      'Solicita: Ana Pérez Rojas, CI 7654321, parentesco: sobrina.',
    );
  });

  it('refuses an answer to a field the form does not have', () => {
    expect(codesOf(evaluateAnswers(recarga109, { ...holder, saldo: 3 }))).toEqual({ saldo: 'unknown_field' });
  });

  it('is a definition the schema accepts as it is', () => {
    expect(definitionProblems(recarga109)).toEqual([]);
    const parsed = createFormBody.safeParse({ key: 'recarga-109', name: { es: 'x' }, ...recarga109 });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});

describe('field types', () => {
  const one = (field: Omit<FormField, 'key' | 'label'>, value: unknown) => {
    const def: FormDefinition = {
      fields: [{ key: 'x', label: { es: 'x' }, ...field }],
      observation: null,
      locale: 'es',
    };
    const e = evaluateAnswers(def, { x: value });
    return e.ok ? { value: e.answers.x } : { error: e.errors[0].code };
  };

  it('reads each type and stores it normalised', () => {
    expect(one({ type: 'integer' }, '42')).toEqual({ value: 42 });
    expect(one({ type: 'integer' }, '4.2')).toEqual({ error: 'not_an_integer' });
    expect(one({ type: 'number', min: 1, max: 2 }, 1.5)).toEqual({ value: 1.5 });
    expect(one({ type: 'yes_no' }, 'Sí')).toEqual({ value: true });
    expect(one({ type: 'yes_no' }, 'quizá')).toEqual({ error: 'not_yes_no' });
    expect(one({ type: 'date' }, '2026-02-30')).toEqual({ error: 'not_a_date' });
    expect(one({ type: 'date' }, '2026-02-28')).toEqual({ value: '2026-02-28' });
    expect(one({ type: 'phone' }, '71234567')).toEqual({ value: '+59171234567' });
    expect(one({ type: 'phone' }, '12')).toEqual({ error: 'not_a_phone' });
    expect(one({ type: 'national_id' }, '4567890-1a lp')).toEqual({ value: '4567890-1A LP' });
    expect(one({ type: 'national_id' }, 'ABC')).toEqual({ error: 'not_a_national_id' });
    expect(one({ type: 'text', minLength: 3 }, ' ab ')).toEqual({ error: 'too_short' });
    expect(one({ type: 'text', maxLength: 3 }, 'abcd')).toEqual({ error: 'too_long' });
  });

  it('checks a pattern against the whole answer and gives its reason', () => {
    const field: FormField = {
      key: 'code',
      type: 'text',
      label: { es: 'Código' },
      pattern: { regex: '[A-Z]{2}\\d{3}', reason: { es: 'Dos letras y tres dígitos, p. ej. AB123.' } },
    };
    const def: FormDefinition = { fields: [field], observation: null, locale: 'es' };
    expect(evaluateAnswers(def, { code: 'AB123' }).ok).toBe(true);
    const e = evaluateAnswers(def, { code: 'AB1234' });
    expect(e.ok ? null : e.errors[0]).toMatchObject({
      code: 'pattern',
      message: { es: 'Dos letras y tres dígitos, p. ej. AB123.' },
    });
  });

  it('lets an optional field be left empty and stores nothing for it', () => {
    const def: FormDefinition = {
      fields: [{ key: 'note', type: 'text', required: false, label: { es: 'Nota' } }],
      observation: 'Nota: {{#if note}}{{note}}{{else}}ninguna{{/if}}.',
      locale: 'es',
    };
    const e = evaluateAnswers(def, { note: '  ' });
    expect(e).toMatchObject({ ok: true, answers: {}, observation: 'Nota: ninguna.' });
  });
});

describe('definitions', () => {
  const field = (key: string, more: Partial<FormField> = {}): FormField => ({
    key,
    type: 'text',
    label: { es: key },
    ...more,
  });
  const codes = (fields: FormField[], observation: string | null = null) =>
    definitionProblems({ fields, observation }).map((p) => p.code);

  it('names each problem with its code', () => {
    expect(codes([field('a'), field('a')])).toEqual(['form_duplicate_key']);
    expect(codes([field('a', { showIf: { field: 'nope', equals: 'x' } })])).toEqual(['form_unknown_field']);
    // A field can only depend on one before it.
    expect(codes([field('a', { showIf: { field: 'b', equals: 'x' } }), field('b')])).toEqual([
      'form_unknown_field',
    ]);
    expect(codes([field('a', { pattern: { regex: '([a-z', reason: { es: 'r' } } })])).toEqual([
      'form_invalid_pattern',
    ]);
    expect(codes([field('a', { type: 'choice' })])).toEqual(['form_bad_rule']);
    expect(codes([field('a', { type: 'amount', min: 10, max: 5 })])).toEqual(['form_bad_rule']);
    expect(
      codes([field('a', { type: 'yes_no' }), field('b', { showIf: { field: 'a', equals: 'si' } })]),
    ).toEqual(['form_bad_rule']);
    expect(codes([field('a')], '{{b}}')).toEqual(['form_unknown_field']);
    expect(codes([field('a')], '{{#if a}}open')).toEqual(['form_bad_template']);
  });

  it('turns them into issues the API answers with their code', () => {
    const res = createFormBody.safeParse({ key: 'f', name: { es: 'F' }, fields: [field('a'), field('a')] });
    expect(res.success).toBe(false);
    expect(res.error?.issues.map((i) => (i as { params?: { appCode?: string } }).params?.appCode)).toEqual([
      'form_duplicate_key',
    ]);
  });
});

describe('the observation template', () => {
  it('nests blocks and keeps what the answers ask for', () => {
    const t = 'A{{#if x}} B{{#unless y}} C{{else}} D {{y}}{{/unless}}{{/if}} .';
    const values: Record<string, string> = { x: '1', y: 'why' };
    const render = (given: string[]) =>
      renderTemplate(
        t,
        (k) => values[k] ?? '',
        (k) => given.includes(k),
      );
    expect(render([])).toBe('A.');
    expect(render(['x'])).toBe('A B C.');
    expect(render(['x', 'y'])).toBe('A B D why.');
    expect(templateProblems(t, ['x', 'y'])).toEqual([]);
    expect(templateProblems('{{/if}}', [])).toMatchObject([{ code: 'form_bad_template' }]);
    expect(templateProblems('{{#if a}}{{else}}{{else}}{{/if}}', ['a'])).toMatchObject([
      { code: 'form_bad_template' },
    ]);
  });
});
