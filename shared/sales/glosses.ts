// The observation text the sales desk pastes into the CRM for each product (seed 002, Annex 2, "glosa pre
// establecida"): the installer and billing read it, so its wording is the operator's and stays Spanish and
// upper case. The seed's blanks (`BS.....-`, `N°` after REFERENCIA/TELEFONO, `CASA DE 2 PISOS PUERTAS
// ETC.....`, the name after `PASAR EN PREGUNTAR POR`) are `{{field}}` placeholders here; the figures the seed
// prints (BS. 200.-, BS. 0,20 POR MEGA, the HN/HR/HSR tariffs, 12 MESES, 30 DIAS) stay text.
//
// Placeholders used: houseDescription, reference (reference phone number), askFor (who to ask for at the
// door), phoneNumber (the line the product is billed to), monthlyFee, installationCost, promotion,
// requester (the name of whoever asked, when not the holder). Browser-safe: no Node-only code.
//
// Where the seed was loose: `REFERENCIA N°.` and `REFERENCIA NO.` both become `REFERENCIA {{reference}}.`;
// `GPON, MSAM,` is kept as printed (the seed repeats it even for DTH); the first TELEFONIA FIJA gloss names
// no invoice and is taken as the separate-invoice one; the promotions gloss drops its `CAMPO
// "OBSERVACIONES":` lead, which says where to type it, not what.

export type GlossBilling = 'separate_invoice' | 'billed_to_phone' | 'promotion';

export type Gloss = { key: string; product: string; billing: GlossBilling; text: string };

export const defaultGlosses: Gloss[] = [
  {
    key: 'internet-adsl.separate_invoice',
    product: 'INTERNET ADSL',
    billing: 'separate_invoice',
    text: '{{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA FACTURA INDEPENDIENTE, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO POR INSTALACION BS. 200.-, TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'internet-adsl.billed_to_phone',
    product: 'INTERNET ADSL',
    billing: 'billed_to_phone',
    text: '{{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA PRODUCTO FACTURADO AL TELEFONO {{phoneNumber}}, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO POR INSTALACION BS. 200.-, TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'internet-inalambrico.separate_invoice',
    product: 'INTERNET INALAMBRICO',
    billing: 'separate_invoice',
    text: 'CLIENTE SOLICITA FACTURA INDEPENDIENTE, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y TARIFA POR MEGA DE DESCARGA ADICIONAL (BS. 0,20 POR MEGA) TIEMPO DE PERMANENCIA 12 MESES,',
  },
  {
    key: 'internet-inalambrico.billed_to_phone',
    product: 'INTERNET INALAMBRICO',
    billing: 'billed_to_phone',
    text: 'CLIENTE SOLICITA PRODUCTO FACTURADO AL N° DE TELEFONO {{phoneNumber}}, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y TARIFA POR MEGA DE DESCARGA ADICIONAL (BS. 0,20 POR MEGA) TIEMPO DE PERMANENCIA 12 MESES,',
  },
  {
    key: 'internet-ftth-gpon.separate_invoice',
    product: 'INTERNET FTTH-GPON',
    billing: 'separate_invoice',
    text: 'GPON, MSAM, {{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA FACTURA INDEPENDIENTE, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO POR INSTALACION BS. 200.-, TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'internet-ftth-gpon.billed_to_phone',
    product: 'INTERNET FTTH-GPON',
    billing: 'billed_to_phone',
    text: 'GPON, MSAM, {{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA PRODUCTO FACTURADO AL TELEFONO {{phoneNumber}}, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO POR INSTALACION BS. 200.-, TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'television-hfc.separate_invoice',
    product: 'TELEVISION HFC',
    billing: 'separate_invoice',
    text: 'GPON, MSAM, {{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA FACTURA INDEPENDIENTE, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO DE INSTALACION POR PUNTO SOLICITADO, TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'television-hfc.billed_to_phone',
    product: 'TELEVISION HFC',
    billing: 'billed_to_phone',
    text: 'GPON, MSAM, {{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA PRODUCTO FACTURADO AL TELEFONO {{phoneNumber}}, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO DE INSTALACION POR PUNTO SOLICITADO.-, TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'television-dth.separate_invoice',
    product: 'TELEVISION DTH',
    billing: 'separate_invoice',
    text: '{{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA FACTURA INDEPENDIENTE, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO DE INSTALACION BS. {{installationCost}}.- TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'television-dth.billed_to_phone',
    product: 'TELEVISION DTH',
    billing: 'billed_to_phone',
    text: 'GPON, MSAM, {{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA PRODUCTO FACTURADO AL TELEFONO {{phoneNumber}}, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO DE INSTALACION BS. {{installationCost}}.- Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'telefonia-fija.separate_invoice',
    product: 'TELEFONIA FIJA',
    billing: 'separate_invoice',
    text: 'GPON, MSAM, {{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}}, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- , SERVICIOS ADICIONALES, COSTO DE INSTALACION BS. {{installationCost}}.- TIEMPO DE INSTALACION Y COBRO DE CABLE EXCEDENTE.',
  },
  {
    key: 'telefonia-fija.billed_to_phone',
    product: 'TELEFONIA FIJA',
    billing: 'billed_to_phone',
    text: 'GPON, MSAM, {{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA PRODUCTO FACTURADO AL TELEFONO {{phoneNumber}}, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- , SERVICIOS ADICIONALES, COSTO DE INSTALACION BS. {{installationCost}}.- , TIEMPO DE INSTALACION Y COBRO DE CABLE EXCEDENTE.',
  },
  {
    key: 'telefonia-inalambrica-hspa.separate_invoice',
    product: 'TELEFONIA INALAMBRICA HSPA+',
    billing: 'separate_invoice',
    text: 'CLIENTE SOLICITA FACTURA INDEPENDIENTE, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- , LLAMADAS POR TIEMPO, TRAFICO VARIABLE DE ACUERDO A FRANJA HORARIA (HN-BS. 0,50 HR-BS 0,375 HSR-BS,025) TIEMPO DE PERMANENCIA 12 MESES',
  },
  {
    key: 'telefonia-inalambrica-hspa.billed_to_phone',
    product: 'TELEFONIA INALAMBRICA HSPA+',
    billing: 'billed_to_phone',
    text: 'CLIENTE SOLICITA FACTURA CONJUNTA AL TELEFONO {{phoneNumber}}, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- , LLAMADAS POR TIEMPO, TRAFICO VARIABLE DE ACUERDO A FRANJA HORARIA (HN-BS. 0,50 HR-BS 0,375 HSR-BS,025) TIEMPO DE PERMANENCIA 12 MESES',
  },
  {
    key: 'duo-pack.separate_invoice',
    product: 'DUO PACK',
    billing: 'separate_invoice',
    text: 'GPON, MSAM, {{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA FACTURA INDEPENDIENTE, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO POR INSTALACION BS. 200.-, TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'duo-pack.billed_to_phone',
    product: 'DUO PACK',
    billing: 'billed_to_phone',
    text: 'GPON, MSAM, {{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA PRODUCTO FACTURADO AL TELEFONO {{phoneNumber}}, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO POR INSTALACION BS. 200.-, TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'multipack.separate_invoice',
    product: 'MULTIPACK',
    billing: 'separate_invoice',
    text: 'GPON, MSAM, {{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA FACTURA INDEPENDIENTE, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO POR INSTALACION BS. 200.-, TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'multipack.billed_to_phone',
    product: 'MULTIPACK',
    billing: 'billed_to_phone',
    text: 'GPON, MSAM, {{houseDescription}} REFERENCIA {{reference}}. PASAR EN PREGUNTAR POR {{askFor}} CLIENTE SOLICITA PRODUCTO FACTURADO AL TELEFONO {{phoneNumber}}, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- Y COSTO POR INSTALACION BS. 200.-, TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
  },
  {
    key: 'full-hogar-inalambrico.separate_invoice',
    product: 'FULL HOGAR INALAMBRICO',
    billing: 'separate_invoice',
    text: 'CLIENTE SOLICITA FACTURA INDEPENDIENTE, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- , LLAMADAS POR TIEMPO, TRAFICO VARIABLE DE ACUERDO A FRANJA HORARIA (HN-BS. 0,50 HR-BS 0,375 HSR-BS,025), EN EL SERVICIO DE INTERNET LA VELOCIDAD DISMINUYE AL TERMINO DE DESCARGAS (DE ACUERDO AL PLAN) Y TIEMPO DE PERMANENCIA 12 MESES',
  },
  {
    key: 'full-hogar-inalambrico.billed_to_phone',
    product: 'FULL HOGAR INALAMBRICO',
    billing: 'billed_to_phone',
    text: 'CLIENTE SOLICITA FACTURA CONJUNTA AL TELEFONO {{phoneNumber}}, SE INFORMO TARIFA MENSUAL BS. {{monthlyFee}}.- , LLAMADAS POR TIEMPO, TRAFICO VARIABLE DE ACUERDO A FRANJA HORARIA (HN-BS. 0,50 HR-BS 0,375 HSR-BS,025), EN EL SERVICIO DE INTERNET LA VELOCIDAD DISMINUYE AL TERMINO DE DESCARGAS (DE ACUERDO AL PLAN) Y TIEMPO DE PERMANENCIA 12 MESES',
  },
  {
    key: 'ventas-con-promociones.promotion',
    product: 'VENTAS CON PROMOCIONES',
    billing: 'promotion',
    text: 'SE INFORMO PROMOCION "{{promotion}}", COSTO DE INSTALACIÓN: {{installationCost}}, TARIFA MENSUAL, TIEMPO DE PERMANENCIA A SOLICITUD DEL TITULAR, (O TERCERO) REGISTRO DE NOMBRE DEL SOLICITANTE {{requester}}',
  },
];

const placeholder = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The placeholders of `text`, in order of first appearance, each once. */
export function glossFields(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(placeholder), (m) => m[1]))];
}

/**
 * `text` with every placeholder filled, upper case and on single spaces, as the CRM expects; or the fields
 * still without a value (an empty or blank value counts as missing), so nothing half-filled is pasted.
 */
export function fillGloss(
  text: string,
  values: Record<string, string>,
): { ok: true; text: string } | { ok: false; missing: string[] } {
  const value = (field: string): string => (Object.hasOwn(values, field) ? values[field].trim() : '');
  const missing = glossFields(text).filter((field) => value(field) === '');
  if (missing.length > 0) return { ok: false, missing };
  // One pass with a replacer: a value that itself looks like `{{x}}` is inserted, never expanded.
  const filled = text.replace(placeholder, (_whole, field: string) => value(field));
  return { ok: true, text: filled.toUpperCase().replace(/\s+/g, ' ').trim() };
}
