// Rows of the sales desk as the API shows them (ids as strings, instants as ISO text).
import type { Campaign, PortfolioEntry, PortfolioImport, Sale, saleEvents } from '#server/db/sales-schema.ts';
import { defaultDocumentsText } from '#shared/sales/documents-request.ts';
import type {
  CampaignJson,
  EntryJson,
  PortfolioImportJson,
  SaleEventJson,
  SaleJson,
} from '#shared/sales.schema.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const str = (n: number | null) => (n === null ? null : String(n));

export function campaignToJson(c: Campaign, entries: CampaignJson['entries'] = {}): CampaignJson {
  return {
    id: String(c.id),
    name: c.name,
    description: c.description,
    products: c.products,
    promotions: c.promotions,
    teamId: str(c.teamId),
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    status: c.status,
    maxAttempts: c.maxAttempts,
    documentsInboxId: str(c.documentsInboxId),
    documentsTemplate: c.documentsTemplate,
    fallbackInboxId: str(c.fallbackInboxId),
    documentsText: c.documentsText ?? defaultDocumentsText,
    entries,
    createdAt: c.createdAt.toISOString(),
  };
}

export function importToJson(i: PortfolioImport): PortfolioImportJson {
  return {
    id: String(i.id),
    campaignId: String(i.campaignId),
    fileName: i.fileName,
    status: i.status,
    total: i.total,
    processed: i.processed,
    added: i.added,
    alreadyThere: i.alreadyThere,
    matchedContacts: i.matchedContacts,
    refused: i.refused,
    columns: i.columns ?? null,
    error: i.error,
    createdAt: i.createdAt.toISOString(),
    finishedAt: iso(i.finishedAt),
  };
}

export function entryToJson(e: PortfolioEntry, saleId: number | null = null): EntryJson {
  return {
    id: String(e.id),
    campaignId: String(e.campaignId),
    contactId: String(e.contactId),
    name: e.name,
    nationalId: e.nationalId,
    phones: e.phones,
    serviceNumber: e.serviceNumber,
    address: e.address,
    attributes: e.attributes,
    status: e.status,
    advisorId: str(e.advisorId),
    takenAt: iso(e.takenAt),
    impediment: e.impediment,
    technology: e.technology,
    capacity: e.capacityOk === null ? null : e.capacityOk === 'yes',
    outcome: e.outcome,
    outcomeReason: e.outcomeReason,
    product: e.product,
    callbackAt: iso(e.callbackAt),
    availableAt: iso(e.availableAt),
    attempts: e.attempts,
    saleId: str(saleId),
    sourceLine: e.sourceLine,
  };
}

export function saleToJson(s: Sale, names: { customerName: string; advisorName: string }): SaleJson {
  return {
    customerName: names.customerName,
    advisorName: names.advisorName,
    id: String(s.id),
    campaignId: String(s.campaignId),
    entryId: String(s.entryId),
    contactId: String(s.contactId),
    advisorId: String(s.advisorId),
    product: s.product,
    status: s.status,
    conversationId: str(s.conversationId),
    crmOrder: s.crmOrder,
    registeredAt: iso(s.registeredAt),
    handoverDueAt: iso(s.handoverDueAt),
    approvedAt: iso(s.approvedAt),
    installedAt: iso(s.installedAt),
    termsMailedAt: iso(s.termsMailedAt),
    createdAt: s.createdAt.toISOString(),
  };
}

export function saleEventToJson(
  e: typeof saleEvents.$inferSelect,
  actorName: string | null = null,
): SaleEventJson {
  return {
    id: String(e.id),
    type: e.type,
    actorId: str(e.actorId),
    actorName,
    data: e.data,
    createdAt: e.createdAt.toISOString(),
  };
}
