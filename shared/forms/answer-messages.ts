// What the agent reads beside a field whose answer is refused, in the console's three languages. The
// field's own wording (a pattern's reason) is the admin's; these sentences are ours.
import type { AnswerErrorCode, FormField, Text3 } from './form-types.ts';

type Params = { field: FormField; n?: number };

const num = (n: number | undefined) => (n === undefined ? '' : String(n));

const messages: Record<AnswerErrorCode, (p: Params) => Text3> = {
  required: () => ({
    es: 'Este dato es obligatorio.',
    en: 'This answer is required.',
    ar: 'هذه الإجابة مطلوبة.',
  }),
  unknown_field: () => ({
    es: 'Este formulario no tiene este campo.',
    en: 'This form has no such field.',
    ar: 'لا يحتوي هذا النموذج على هذا الحقل.',
  }),
  not_text: () => ({ es: 'Escriba un texto.', en: 'Type a text.', ar: 'اكتب نصًا.' }),
  not_a_number: () => ({ es: 'Escriba un número.', en: 'Type a number.', ar: 'اكتب رقمًا.' }),
  not_an_integer: () => ({
    es: 'Escriba un número entero.',
    en: 'Type a whole number.',
    ar: 'اكتب عددًا صحيحًا.',
  }),
  too_many_decimals: () => ({
    es: 'Use como máximo 2 decimales.',
    en: 'Use at most 2 decimals.',
    ar: 'استخدم منزلتين عشريتين على الأكثر.',
  }),
  too_small: ({ field }) =>
    field.minExclusive
      ? {
          es: `Debe ser mayor que ${num(field.min)}${unit(field, 'es')}.`,
          en: `Must be more than ${num(field.min)}${unit(field, 'en')}.`,
          ar: `يجب أن يكون أكبر من ${num(field.min)}${unit(field, 'ar')}.`,
        }
      : {
          es: `Debe ser al menos ${num(field.min)}${unit(field, 'es')}.`,
          en: `Must be at least ${num(field.min)}${unit(field, 'en')}.`,
          ar: `يجب ألا يقل عن ${num(field.min)}${unit(field, 'ar')}.`,
        },
  too_large: ({ field }) => ({
    es: `Debe ser como máximo ${num(field.max)}${unit(field, 'es')}.`,
    en: `Must be at most ${num(field.max)}${unit(field, 'en')}.`,
    ar: `يجب ألا يزيد عن ${num(field.max)}${unit(field, 'ar')}.`,
  }),
  wrong_digits: ({ field }) => ({
    es: `Debe tener exactamente ${num(field.digits)} dígitos, sin espacios ni otros signos.`,
    en: `Must be exactly ${num(field.digits)} digits, with no spaces or other signs.`,
    ar: `يجب أن يتكون من ${num(field.digits)} أرقام بالضبط، دون مسافات أو رموز أخرى.`,
  }),
  too_short: ({ field }) => ({
    es: `Escriba al menos ${num(field.minLength)} caracteres.`,
    en: `Type at least ${num(field.minLength)} characters.`,
    ar: `اكتب ${num(field.minLength)} أحرف على الأقل.`,
  }),
  too_long: ({ field }) => ({
    es: `Escriba como máximo ${num(field.maxLength)} caracteres.`,
    en: `Type at most ${num(field.maxLength)} characters.`,
    ar: `اكتب ${num(field.maxLength)} أحرف على الأكثر.`,
  }),
  pattern: ({ field }) => {
    const r = field.pattern?.reason ?? {};
    const any = r.es ?? r.en ?? r.ar ?? '';
    return {
      es: r.es ?? (any || 'El formato no es válido.'),
      en: r.en ?? (any || 'The format is not valid.'),
      ar: r.ar ?? (any || 'الصيغة غير صحيحة.'),
    };
  },
  not_yes_no: () => ({ es: 'Responda sí o no.', en: 'Answer yes or no.', ar: 'أجب بنعم أو لا.' }),
  not_an_option: () => ({
    es: 'Elija una de las opciones.',
    en: 'Choose one of the options.',
    ar: 'اختر أحد الخيارات.',
  }),
  not_a_date: () => ({
    es: 'Escriba una fecha válida (AAAA-MM-DD).',
    en: 'Type a valid date (YYYY-MM-DD).',
    ar: 'اكتب تاريخًا صحيحًا (YYYY-MM-DD).',
  }),
  not_a_phone: () => ({
    es: 'Escriba un número de teléfono válido.',
    en: 'Type a valid phone number.',
    ar: 'اكتب رقم هاتف صحيحًا.',
  }),
  not_a_national_id: () => ({
    es: 'Escriba un número de carnet (CI) válido, p. ej. 4567890 o 4567890-1A LP.',
    en: 'Type a valid national ID (CI), e.g. 4567890 or 4567890-1A LP.',
    ar: 'اكتب رقم بطاقة هوية (CI) صحيحًا، مثل 4567890 أو 4567890-1A LP.',
  }),
};

function unit(field: FormField, locale: keyof Text3): string {
  if (field.type !== 'amount') return '';
  return { es: ' Bs', en: ' Bs', ar: ' بوليفيانو' }[locale];
}

export function answerMessage(code: AnswerErrorCode, field: FormField): Text3 {
  return messages[code]({ field });
}
