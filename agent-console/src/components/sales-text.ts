// The Sales page's words: its own dictionaries (sales-strings-*.ts, fetched with the page) in the console's
// language, and the labels for the values the hub sends as machine words (statuses, outcomes,
// technologies, refusal codes, column fields), which are never shown as they come.
import type {
  CampaignJson,
  callOutcomes,
  EntryJson,
  entryStatuses,
  PortfolioImportJson,
  SaleJson,
  saleStatuses,
  technologies,
} from '#shared/sales.schema.ts';
import { useI18n } from '../i18n.tsx';
import { saleDetailAr } from './sales-detail-strings-ar.ts';
import { saleDetailEn } from './sales-detail-strings-en.ts';
import { saleDetailEs } from './sales-detail-strings-es.ts';
import { handoverAr } from './sales-handover-strings-ar.ts';
import { handoverEn } from './sales-handover-strings-en.ts';
import { handoverEs } from './sales-handover-strings-es.ts';
import { salesAr } from './sales-strings-ar.ts';
import { salesEn } from './sales-strings-en.ts';
import { salesEs } from './sales-strings-es.ts';

export type {
  CampaignJson as Campaign,
  EntryJson as Entry,
  PortfolioImportJson as PortfolioImport,
  SaleJson as Sale,
};

const english = { ...salesEn, ...saleDetailEn, ...handoverEn };
export type SalesKey = keyof typeof english;
export type S = (key: SalesKey, vars?: Record<string, string | number>) => string;
type EntryStatus = (typeof entryStatuses)[number];
type Outcome = (typeof callOutcomes)[number];
type Technology = (typeof technologies)[number];
type SaleStatus = (typeof saleStatuses)[number];
/** One column of the file as the hub read it (server/sales/portfolio-columns.ts). */
export type MappedColumn = { index: number; letter: string; header: string; field: string };

const dictionaries: Record<'en' | 'es' | 'ar', Record<SalesKey, string>> = {
  en: english,
  es: { ...salesEs, ...saleDetailEs, ...handoverEs },
  ar: { ...salesAr, ...saleDetailAr, ...handoverAr },
};

/** `s(key)`: a Sales string in the console's language, with {placeholders} filled. */
export function useSalesText(): { s: S; lang: 'es' | 'en' | 'ar' } {
  const { lang } = useI18n();
  const s: S = (key, vars) => {
    let text: string = dictionaries[lang][key] ?? english[key];
    if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
  return { s, lang };
}

export const entryStatusList: readonly EntryStatus[] = [
  'pending',
  'in_progress',
  'callback',
  'skipped',
  'unreached',
  'declined',
  'accepted',
];
const entryStatusKey: Record<EntryStatus, SalesKey> = {
  pending: 'entryPending',
  in_progress: 'entryInProgress',
  callback: 'entryCallback',
  skipped: 'entrySkipped',
  unreached: 'entryUnreached',
  declined: 'entryDeclined',
  accepted: 'entryAccepted',
};
const outcomeKey: Record<Outcome, SalesKey> = {
  no_answer: 'noAnswer',
  callback: 'entryCallback',
  declined: 'declined',
  accepted: 'accepted',
};
const campaignStatusKey: Record<CampaignJson['status'], SalesKey> = {
  active: 'campaignActive',
  paused: 'campaignPaused',
  closed: 'campaignClosed',
};
const importStatusKey: Record<PortfolioImportJson['status'], SalesKey> = {
  running: 'importRunning',
  done: 'importDone',
  failed: 'importFailed',
};
const fieldKey: Record<string, SalesKey> = {
  name: 'fieldName',
  nationalId: 'fieldNationalId',
  phones: 'fieldPhones',
  serviceNumber: 'fieldServiceNumber',
  address: 'fieldAddress',
  email: 'fieldEmail',
  attribute: 'fieldAttribute',
};
export const saleStatusList: readonly SaleStatus[] = [
  'awaiting_documents',
  'documents_complete',
  'registered',
  'returned',
  'approved',
  'installed',
  'cancelled',
];

// A value the lists do not know (a newer hub) shows with its underscores as spaces.
const known = (s: S, key: string, value: string): string =>
  key in english ? s(key as SalesKey) : value.replaceAll('_', ' ');

export const entryStatusLabel = (s: S, v: EntryStatus) => known(s, entryStatusKey[v], v);
export const outcomeLabel = (s: S, v: Outcome) => known(s, outcomeKey[v], v);
export const technologyLabel = (s: S, v: Technology) => known(s, v, v);
export const campaignStatusLabel = (s: S, v: CampaignJson['status']) => known(s, campaignStatusKey[v], v);
export const importStatusLabel = (s: S, v: PortfolioImportJson['status']) => known(s, importStatusKey[v], v);
export const saleStatusLabel = (s: S, v: string) => known(s, `sale_${v}`, v);
export const refusalLabel = (s: S, code: string) => known(s, `refuse_${code}`, code);
export const fieldLabel = (s: S, field: string) => known(s, fieldKey[field] ?? '', field);

/** The `columns` of an import, as far as they have the expected shape. */
export const columnsOf = (i: { columns: unknown }): MappedColumn[] =>
  Array.isArray(i.columns)
    ? i.columns.filter(
        (c): c is MappedColumn => typeof c?.letter === 'string' && typeof c?.header === 'string',
      )
    : [];

/** A date-time in the reader's language and zone. */
export const when = (iso: string | null, lang: string): string =>
  iso ? new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }) : '';
/** A day (YYYY-MM-DD) in the reader's language, without moving it across zones. */
export const day = (d: string, lang: string): string =>
  new Date(`${d}T12:00:00`).toLocaleDateString(lang, { dateStyle: 'medium' });

type NotRequested = { code?: string; reason?: string };
/** Why the documents could not be asked for, in the advisor's language (the hub's reason if the code is new). */
export function notRequestedReason(s: S, d: NotRequested): string {
  const key = `notRequested_${d.code}`;
  return d.code && key in english ? s(key as SalesKey) : (d.reason ?? '');
}
