// The e-mail request kinds (PQR) as a customer reads them in the protocol's texts ({category}).
import type { Language } from '#shared/protocol.schema.ts';
import { type RequestCategory, requestCategories } from './classify-request.ts';

const names: Record<Language, Record<RequestCategory, string>> = {
  en: { petition: 'request', complaint: 'complaint', claim: 'claim', suggestion: 'suggestion' },
  es: { petition: 'petición', complaint: 'queja', claim: 'reclamo', suggestion: 'sugerencia' },
  ar: { petition: 'طلبك', complaint: 'شكواك', claim: 'مطالبتك', suggestion: 'اقتراحك' },
};

export function categoryName(category: string | null, language: Language): string {
  const known = requestCategories.find((c) => c === category);
  return known ? names[language][known] : (category ?? names[language].petition);
}
