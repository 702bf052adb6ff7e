// Before a sale is registered the advisor checks what the customer sent over WhatsApp (seed 002, step 6):
// the photo of the national ID (CI) and the signed request letter. Both checklists are data an admin can
// edit; these defaults follow the seed. Browser-safe: no Node-only code.

export type ReviewItem = {
  key: string;
  /** What the reviewer ticks, in English. */
  label: string;
  /** The same in Spanish and Arabic, for reviewers working in those languages (English when absent). */
  labels?: { es?: string; ar?: string };
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
    labels: { es: 'Foto del anverso del C.I. recibida', ar: 'وصلت صورة وجه بطاقة الهوية' },
  },
  {
    key: 'ci_back',
    label: 'Photo of the back of the CI received',
    text: 'La fotografía del reverso de su C.I.',
    labels: { es: 'Foto del reverso del C.I. recibida', ar: 'وصلت صورة ظهر بطاقة الهوية' },
  },
  {
    key: 'ci_legible',
    label: 'The CI is legible',
    text: 'Que su C.I. se lea con claridad',
    labels: { es: 'El C.I. se lee con claridad', ar: 'بطاقة الهوية مقروءة بوضوح' },
  },
  {
    key: 'ci_not_expired',
    label: 'The CI is not expired (type its expiry date)',
    text: 'Un C.I. vigente (no vencido)',
    needsValue: 'date',
    labels: {
      es: 'El C.I. está vigente (escriba su fecha de vencimiento)',
      ar: 'بطاقة الهوية سارية (اكتب تاريخ انتهائها)',
    },
  },
  {
    key: 'ci_name_matches',
    label: "The name on the CI matches the customer's",
    text: 'Que el nombre del C.I. sea el del titular',
    labels: { es: 'El nombre del C.I. es el del cliente', ar: 'الاسم في البطاقة هو اسم العميل' },
  },
  {
    key: 'ci_number_matches',
    label: 'The CI number matches the one given',
    text: 'Que el número del C.I. sea el informado',
    labels: { es: 'El número del C.I. es el informado', ar: 'رقم البطاقة هو الرقم المُبلَّغ' },
  },
];

export const defaultLetterClauses: ReviewItem[] = [
  {
    key: 'declaration',
    label:
      'Declaration: accepts zero installation cost and 18 months minimum permanence; Bs 30.00 per remaining month on early cancellation',
    text: 'Declaro ACEPTACION AL COSTO CERO DE INSTALACIÓN Y TIEMPO MINIMO DE PERMANENCIA, 18 MESES. EN CASO DE BAJA ANTICIPADA SE DEBERÁ PAGAR Bs.30.00 POR CADA MES HASTA EL CUMPLIMIENTO DE 18 MESES.',
    labels: {
      es: 'Declaración: acepta costo cero de instalación y 18 meses de permanencia mínima; Bs 30,00 por cada mes restante si da de baja antes',
      ar: 'إقرار: يقبل تكلفة تركيب صفرية وحدًا أدنى للبقاء 18 شهرًا، و30.00 بوليفيانو عن كل شهر متبقٍ عند الإلغاء المبكر',
    },
  },
  {
    key: 'service',
    label: 'The service requested',
    text: 'Especificando el servicio solicitado',
    labels: { es: 'El servicio solicitado', ar: 'الخدمة المطلوبة' },
  },
  {
    key: 'installation_address',
    label: 'The installation address',
    text: 'Dirección del lugar de instalación',
    labels: { es: 'La dirección de instalación', ar: 'عنوان التركيب' },
  },
  {
    key: 'reference_numbers',
    label: 'Reference phone and mobile numbers',
    text: 'Números de Teléfono y Celular de referencia',
    labels: { es: 'Teléfono y celular de referencia', ar: 'أرقام الهاتف والجوال المرجعية' },
  },
  {
    key: 'signature',
    label: "The applicant's signature",
    text: 'Firma del solicitante',
    labels: { es: 'La firma del solicitante', ar: 'توقيع مقدّم الطلب' },
  },
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
