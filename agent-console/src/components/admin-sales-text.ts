// The Sales desk admin section's words (its own dictionaries, fetched with the section) in the console's
// language, and the settings' wire shape as the console reads it (typed here: the shared schema is zod).
import type { AddressKeyword } from '#shared/sales/address-format.ts';
import type { ReviewItem } from '#shared/sales/document-review.ts';
import type { Gloss } from '#shared/sales/glosses.ts';
import { useI18n } from '../i18n.tsx';
import { deskAr } from './admin-sales-strings-ar.ts';
import { deskEn } from './admin-sales-strings-en.ts';
import { deskEs } from './admin-sales-strings-es.ts';

export type DeskKey = keyof typeof deskEn;
export type D = (key: DeskKey) => string;
const dictionaries: Record<'en' | 'es' | 'ar', Record<DeskKey, string>> = {
  en: deskEn,
  es: deskEs,
  ar: deskAr,
};

export function useDeskText(): D {
  const { lang } = useI18n();
  return (key) => dictionaries[lang][key] ?? deskEn[key];
}

export type Plan = { name: string; description?: string };
export type DeskSettings = {
  addressFormat: { keywords: Record<AddressKeyword, string>; examples: string[] };
  glosses: (Gloss & { fields?: string[] })[];
  ciChecklist: ReviewItem[];
  letterClauses: ReviewItem[];
  plans: Plan[];
};
export type PartName = keyof DeskSettings;
