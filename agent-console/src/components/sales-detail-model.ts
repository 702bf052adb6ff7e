// Shapes and small rules of the sale detail view, shared by its parts: the document slots of each
// reviewed part, the latest file of a slot, and the labels of the hub's machine words (slots, file
// statuses, registration fields, equipment, gloss blanks), which are never shown as they come.
import type { SaleDocumentJson, SaleJson } from '#shared/sales.schema.ts';
import type { RegistrationJson, SalesSettingsJson } from '#shared/sales-settings.schema.ts';
import type { S, SalesKey } from './sales-text.ts';

export type SaleDocument = SaleDocumentJson;
export type Registration = RegistrationJson;
export type Settings = SalesSettingsJson;
export type Detail = { sale: SaleJson; documents: SaleDocument[]; registration: Registration };
export type Slot = SaleDocument['slot'];
export type Part = 'ci' | 'letter';

export const slots: readonly Slot[] = ['ci_front', 'ci_back', 'letter'];
export const partSlots: Record<Part, readonly Slot[]> = { ci: ['ci_front', 'ci_back'], letter: ['letter'] };
/** While the documents may still be sorted and reviewed (server/sales/review-documents.ts). */
export const reviewable: readonly SaleJson['status'][] = [
  'awaiting_documents',
  'documents_complete',
  'returned',
];
/** Registered or past it: the registration is read-only here. */
export const registeredOrPast: readonly SaleJson['status'][] = [
  'registered',
  'approved',
  'installed',
  'cancelled',
];

/** The documents of a slot, newest first (the hub's order). */
export const ofSlot = (docs: SaleDocument[], slot: Slot) => docs.filter((d) => d.slot === slot);

// A value the lists do not know (a newer hub) shows with its underscores as spaces.
const label = (s: S, key: string, fallback: string): string => {
  const v: string | undefined = s(key as SalesKey);
  return typeof v === 'string' ? v : fallback.replaceAll('_', ' ');
};

export const slotLabel = (s: S, slot: string) => label(s, `slot_${slot}`, slot);
export const docStatusLabel = (s: S, status: string) => label(s, `doc_${status}`, status);
/** A gloss blank (`monthlyFee`) in words; an unknown one split at its capitals. */
export const glossFieldLabel = (s: S, field: string) =>
  label(s, `gf_${field}`, field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());

/** What the CRM calls each standard piece of equipment, and its label here. */
export const standardEquipment: { value: string; key: SalesKey }[] = [
  { value: 'MODEM', key: 'eq_modem' },
  { value: 'ONT', key: 'eq_ont' },
  { value: 'DECODIFICADOR', key: 'eq_decoder' },
];

const fieldKeys: Record<string, SalesKey> = {
  requestType: 'requestType',
  billingAddress: 'billingAddress',
  billingCycle: 'billingCycle',
  category: 'category',
  subcategory: 'subcategory',
  plan: 'plan',
  components: 'access',
  'components.equipment': 'equipment',
  installationAddress: 'installationAddress',
  gloss: 'gloss',
  crmOrder: 'crmOrder',
};
export const registrationFieldLabel = (s: S, field: string) =>
  fieldKeys[field] ? s(fieldKeys[field]) : field;

/** The gloss with the values typed so far; a blank not yet filled shows as a line. */
export const glossPreview = (text: string, values: Record<string, string>) =>
  text
    .replace(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g, (_w, f: string) => values[f]?.trim() || '____')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
