// Before a sale is registered the advisor checks what the customer sent over WhatsApp (seed 002, step 6):
// the photo of the national ID (CI) and the signed request letter. Both checklists are data an admin can
// edit; these defaults follow the seed. Browser-safe: no Node-only code.

export type ReviewItem = {
  key: string;
  /** What the reviewer ticks, in English. */
  label: string;
  /** The seed's own Spanish wording (what the letter must carry; what the customer is told is missing). */
  text?: string;
  /** The reviewer must also type a value to tick the item (the CI's expiry date). */
  needsValue?: 'date';
};

export const defaultCiChecklist: ReviewItem[] = [
  {
    key: 'ci_front',
    label: 'Photo of the front of the CI received',
    text: 'La fotografía del anverso de su C.I.',
  },
  {
    key: 'ci_back',
    label: 'Photo of the back of the CI received',
    text: 'La fotografía del reverso de su C.I.',
  },
  { key: 'ci_legible', label: 'The CI is legible', text: 'Que su C.I. se lea con claridad' },
  {
    key: 'ci_not_expired',
    label: 'The CI is not expired (type its expiry date)',
    text: 'Un C.I. vigente (no vencido)',
    needsValue: 'date',
  },
  {
    key: 'ci_name_matches',
    label: "The name on the CI matches the customer's",
    text: 'Que el nombre del C.I. sea el del titular',
  },
  {
    key: 'ci_number_matches',
    label: 'The CI number matches the one given',
    text: 'Que el número del C.I. sea el informado',
  },
];

export const defaultLetterClauses: ReviewItem[] = [
  {
    key: 'declaration',
    label:
      'Declaration: accepts zero installation cost and 18 months minimum permanence; Bs 30.00 per remaining month on early cancellation',
    text: 'Declaro ACEPTACION AL COSTO CERO DE INSTALACIÓN Y TIEMPO MINIMO DE PERMANENCIA, 18 MESES. EN CASO DE BAJA ANTICIPADA SE DEBERÁ PAGAR Bs.30.00 POR CADA MES HASTA EL CUMPLIMIENTO DE 18 MESES.',
  },
  { key: 'service', label: 'The service requested', text: 'Especificando el servicio solicitado' },
  {
    key: 'installation_address',
    label: 'The installation address',
    text: 'Dirección del lugar de instalación',
  },
  {
    key: 'reference_numbers',
    label: 'Reference phone and mobile numbers',
    text: 'Números de Teléfono y Celular de referencia',
  },
  { key: 'signature', label: "The applicant's signature", text: 'Firma del solicitante' },
];

/**
 * Whether every item of `checklist` was ticked. `failed` lists, in checklist order, the items answered
 * false or not answered at all: an unticked item is not a reviewed one. Answers for keys the checklist
 * does not hold are ignored.
 */
export function reviewOutcome(
  checklist: readonly ReviewItem[],
  answers: Readonly<Record<string, boolean>>,
): { complete: boolean; failed: string[] } {
  const failed = checklist
    .filter((item) => !(Object.hasOwn(answers, item.key) && answers[item.key] === true))
    .map((item) => item.key);
  return { complete: failed.length === 0, failed };
}
