// The procedure forms' words (forms-strings-*.ts, apart from the console's dictionaries like the Sales
// page's) in the console's language, and the small helpers the forms' views share. Zod-free: the form
// types come from shared/forms/form-types.ts, the JSON shapes are imported as types only.

import { type FormLocale, type LocalText, localText } from '#shared/forms/form-types.ts';
import type { FormJson, FormResponseJson } from '#shared/forms.schema.ts';
import { useI18n } from '../i18n.tsx';
import { formsAr } from './forms-strings-ar.ts';
import { formsEn } from './forms-strings-en.ts';
import { formsEs } from './forms-strings-es.ts';

export type { FormJson as Form, FormResponseJson as FormResponse };
export type FormsKey = keyof typeof formsEn;
export type F = (key: FormsKey, vars?: Record<string, string | number>) => string;

const dictionaries: Record<FormLocale, Record<FormsKey, string>> = { en: formsEn, es: formsEs, ar: formsAr };

/** `f(key)`: a forms string in the console's language, with {placeholders} filled. */
export function useFormsText(): {
  f: F;
  lang: FormLocale;
  name: (t: LocalText | null | undefined) => string;
} {
  const { lang } = useI18n();
  const f: F = (key, vars) => {
    let text: string = dictionaries[lang][key] ?? formsEn[key];
    if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
  return { f, lang, name: (t) => localText(t ?? undefined, lang) };
}

/** When a response was saved, as the agent's language writes a date and time. */
export const whenOf = (iso: string, lang: FormLocale) =>
  new Date(iso).toLocaleString(lang === 'es' ? 'es-BO' : lang === 'en' ? 'en-GB' : 'ar', {
    dateStyle: 'short',
    timeStyle: 'short',
  });

/** Told by the form section when it saved a response, so the contact's list shows it at once. */
export const formSavedEvent = 'hub:form-response-saved';
export function announceSaved(response: FormResponseJson): void {
  dispatchEvent(new CustomEvent(formSavedEvent, { detail: response }));
}
