// The terms and conditions the customer receives by e-mail once the service is installed (step 11.2), as
// a PDF: the customer, the service and the installation address as registered, and the conditions they
// accepted in their letter — zero installation cost, 18 months' minimum permanence, Bs 30.00 for each
// month left on early cancellation. It is the proof of acceptance the procedure ends with.
import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';

export type TermsFacts = {
  customer: string;
  nationalId: string | null;
  product: string;
  installationAddress: string | null;
  crmOrder: string | null;
  installedAt: Date;
  timeZone: string;
};

export const defaultTerms = [
  'El cliente declara su ACEPTACIÓN AL COSTO CERO DE INSTALACIÓN Y TIEMPO MÍNIMO DE PERMANENCIA DE 18 MESES.',
  'En caso de baja anticipada se deberá pagar Bs 30.00 por cada mes que falte hasta cumplir los 18 meses.',
  'El servicio se factura mensualmente según el plan comercial contratado y el ciclo de facturación registrado.',
  'Los equipos entregados en comodato (módem, ONT, decodificador) son propiedad del operador y se devuelven al retirar el servicio.',
  'El retiro del servicio se solicita con 30 días de anticipación.',
];

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export async function termsPdf(
  facts: TermsFacts,
  terms: readonly string[] = defaultTerms,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Términos y condiciones del servicio');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595, 842]);
  const left = 56;
  const width = 595 - 2 * left;
  let y = 780;
  const write = (text: string, opts: { size?: number; f?: PDFFont; gap?: number } = {}) => {
    const size = opts.size ?? 11;
    for (const l of wrap(text, opts.f ?? font, size, width)) {
      page.drawText(l, { x: left, y, size, font: opts.f ?? font });
      y -= size * 1.4;
    }
    y -= opts.gap ?? 4;
  };
  write('Términos y condiciones del servicio', { size: 16, f: bold, gap: 12 });
  const day = new Intl.DateTimeFormat('es-BO', { dateStyle: 'long', timeZone: facts.timeZone }).format(
    facts.installedAt,
  );
  write(`Cliente: ${facts.customer}${facts.nationalId ? ` — C.I. ${facts.nationalId}` : ''}`);
  write(`Servicio: ${facts.product}`);
  if (facts.installationAddress) write(`Dirección de instalación: ${facts.installationAddress}`);
  if (facts.crmOrder) write(`Orden de servicio: ${facts.crmOrder}`);
  write(`Fecha de instalación: ${day}`, { gap: 12 });
  for (const [i, t] of terms.entries()) write(`${i + 1}. ${t}`, { gap: 6 });
  y -= 8;
  write(
    'Este documento es la constancia de la aceptación del cliente, expresada en su carta de solicitud firmada.',
    {
      size: 9,
    },
  );
  return doc.save();
}
