// Step 10: the printed file the advisor hands to the Virtual Channels officer — the service request, the
// service contract and the loan (comodato) contract of the equipment, filled from the sale's registration,
// followed by the customer's CI (both sides) and signed letter as they arrived over WhatsApp. One PDF.
// The operator's own forms are not in the procedure: these pages carry the fields the procedure names.
import { desc, eq } from 'drizzle-orm';
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from 'pdf-lib';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { portfolioEntries, saleDocuments } from '#server/db/sales-schema.ts';
import { attachments, contacts } from '#server/db/schema.ts';
import { type DocumentSlot, documentSlots } from './documents-complete.ts';
import { loadSale } from './list-sales.ts';
import { registrationOf } from './registration-data.ts';

const A4: [number, number] = [595, 842];
const MARGIN = 56;

type Writer = { page: PDFPage; y: number };

function line(w: Writer, text: string, font: PDFFont, size = 10.5) {
  const width = A4[0] - 2 * MARGIN;
  let current = '';
  const flush = () => {
    w.page.drawText(current, { x: MARGIN, y: w.y, size, font });
    w.y -= size * 1.45;
  };
  for (const word of text.split(/\s+/)) {
    const next = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && current) {
      flush();
      current = word;
    } else current = next;
  }
  if (current) flush();
}

/** WinAnsi (the standard fonts' encoding) cannot draw every character a customer's name may hold. */
const drawable = (s: string) =>
  s.replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018-\u201d\u2022\u20ac]/g, '?');

export async function salePack(ctx: HubContext, auth: Auth, saleId: number): Promise<Uint8Array> {
  const sale = await loadSale(ctx, auth, saleId);
  const [entry] = await ctx.db.select().from(portfolioEntries).where(eq(portfolioEntries.id, sale.entryId));
  const [contact] = await ctx.db.select().from(contacts).where(eq(contacts.id, sale.contactId));
  const r = registrationOf(sale);
  const doc = await PDFDocument.create();
  doc.setTitle(drawable(`Venta ${sale.id} — ${entry.name}`));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const dash = '—';
  const form = (title: string, rows: [string, string | null | undefined][], clauses: string[] = []) => {
    const w: Writer = { page: doc.addPage(A4), y: A4[1] - MARGIN };
    line(w, drawable(title), bold, 15);
    w.y -= 8;
    for (const [label, value] of rows) line(w, drawable(`${label}: ${value || dash}`), font);
    w.y -= 6;
    clauses.forEach((c, i) => {
      line(w, drawable(`${i + 1}. ${c}`), font);
      w.y -= 2;
    });
    w.y -= 40;
    line(w, '______________________________            ______________________________', font);
    line(
      w,
      drawable(`${entry.name}                                                 Por el operador`),
      font,
      9,
    );
  };
  const customer: [string, string | null | undefined][] = [
    ['Cliente', entry.name],
    ['C.I.', entry.nationalId],
    ['Teléfonos', [...entry.phones, contact?.phone].filter(Boolean).join(', ')],
    ['Número de servicio', entry.serviceNumber],
  ];
  form('Solicitud de servicio', [
    ...customer,
    ['Tipo de solicitud', r.requestType === 'member' ? 'Socio' : r.requestType === 'user' ? 'Usuario' : null],
    ['Servicio', sale.product],
    ['Plan comercial', r.plan],
    ['Categoría / subcategoría', [r.category, r.subcategory].filter(Boolean).join(' / ')],
    ['Acceso', r.components ? (r.components.access === 'fibre' ? 'Fibra óptica' : 'Cobre') : null],
    ['Equipos', r.components?.equipment.join(', ')],
    ['Dirección de instalación', r.installationAddress],
    ['Dirección de cobro', r.billingAddress],
    ['Ciclo de facturación', r.billingCycle],
    ['Observaciones', r.observations],
    ['Orden CRM', sale.crmOrder],
    ['Registrada', sale.registeredAt?.toISOString().slice(0, 16).replace('T', ' ')],
  ]);
  form(
    'Contrato de suministro del servicio',
    [
      ...customer,
      ['Servicio', sale.product],
      ['Plan comercial', r.plan],
      ['Dirección de instalación', r.installationAddress],
    ],
    [
      'El operador presta al cliente el servicio indicado en la dirección de instalación, según el plan comercial contratado.',
      'Costo de instalación cero, con un tiempo mínimo de permanencia de 18 meses.',
      'En caso de baja anticipada el cliente pagará Bs 30.00 por cada mes que falte hasta cumplir los 18 meses.',
      'El servicio se factura en el ciclo registrado; el retiro se solicita con 30 días de anticipación.',
    ],
  );
  form(
    'Contrato de comodato',
    [
      ...customer,
      ['Equipos en comodato', r.components?.equipment.join(', ')],
      ['Dirección de instalación', r.installationAddress],
    ],
    [
      'El operador entrega en préstamo de uso (comodato) los equipos indicados, que siguen siendo de su propiedad.',
      'El cliente los cuida y los devuelve en buen estado al terminar el servicio.',
    ],
  );
  await appendDocuments(ctx, doc, sale.id, bold);
  return doc.save();
}

/** The accepted file of each slot (the latest received when none was accepted yet), in slot order. */
async function appendDocuments(ctx: HubContext, doc: PDFDocument, saleId: number, bold: PDFFont) {
  const rows = await ctx.db
    .select({ slot: saleDocuments.slot, status: saleDocuments.status, file: attachments })
    .from(saleDocuments)
    .innerJoin(attachments, eq(attachments.id, saleDocuments.attachmentId))
    .where(eq(saleDocuments.saleId, saleId))
    .orderBy(desc(saleDocuments.id));
  const titles: Record<DocumentSlot, string> = {
    ci_front: 'C.I. (anverso)',
    ci_back: 'C.I. (reverso)',
    letter: 'Carta de solicitud',
  };
  for (const slot of documentSlots) {
    const pick =
      rows.find((d) => d.slot === slot && d.status === 'accepted') ??
      rows.find((d) => d.slot === slot && d.status !== 'rejected');
    const page = () => {
      const p = doc.addPage(A4);
      p.drawText(drawable(titles[slot]), { x: MARGIN, y: A4[1] - MARGIN, size: 13, font: bold });
      return p;
    };
    if (!pick) {
      page().drawText('(no recibido)', { x: MARGIN, y: A4[1] - MARGIN - 24, size: 11, font: bold });
      continue;
    }
    const bytes = await ctx.attachments.read(pick.file.storageKey);
    if (pick.file.mime === 'application/pdf') {
      const source = await PDFDocument.load(bytes, { ignoreEncryption: true });
      for (const copied of await doc.copyPages(source, source.getPageIndices())) doc.addPage(copied);
      continue;
    }
    const image =
      pick.file.mime === 'image/png'
        ? await doc.embedPng(bytes)
        : pick.file.mime === 'image/jpeg'
          ? await doc.embedJpg(bytes)
          : null;
    const p = page();
    if (!image) {
      p.drawText(drawable(`${pick.file.originalName} (${pick.file.mime})`), {
        x: MARGIN,
        y: A4[1] - MARGIN - 24,
        size: 11,
        font: bold,
      });
      continue;
    }
    const box = { w: A4[0] - 2 * MARGIN, h: A4[1] - 2 * MARGIN - 30 };
    const scale = Math.min(box.w / image.width, box.h / image.height, 4);
    const w = image.width * scale;
    const h = image.height * scale;
    p.drawImage(image, { x: MARGIN, y: A4[1] - MARGIN - 30 - h, width: w, height: h });
  }
}
