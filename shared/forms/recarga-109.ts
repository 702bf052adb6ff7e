// The 109 "Recarga Fijacom" procedure (seed 000, COM-DSO-P05) as a form every account starts with:
// step 1.1 asks for the Fijacom number, name and carnet; step 3.1 the amount "hasta 200 Bs. por 14000 Mb";
// step 3.2 puts in the observations the name, carnet and relationship of whoever asks for the top-up when
// they are not the holder. Spanish as the seed words it; English and Arabic for the console.
import type { FormDefinition, LocalText } from './form-types.ts';

export const recarga109Key = 'recarga-109';

export const recarga109Name: LocalText = {
  es: '109 Recarga Fijacom — Recarga de bolsillo',
  en: '109 Fijacom top-up — pocket top-up',
  ar: '109 شحن فيجاكوم — شحن الرصيد',
};

export const recarga109Description: LocalText = {
  es: 'Procedimiento COM-DSO-P05: solicite número Fijacom, nombre y carnet; busque al cliente en Smartflex (C_CLI4G); recargue el monto especificado por el cliente (hasta 200 Bs. por 14000 Mb).',
  en: 'Procedure COM-DSO-P05: ask for the Fijacom number, name and ID card; look the customer up in Smartflex (C_CLI4G); top up the amount the customer asks for (at most 200 Bs for 14,000 MB).',
  ar: 'الإجراء COM-DSO-P05: اطلب رقم فيجاكوم والاسم ورقم البطاقة؛ ابحث عن العميل في Smartflex (C_CLI4G)؛ اشحن المبلغ الذي يطلبه العميل (حتى 200 بوليفيانو مقابل 14000 ميغابايت).',
};

const ciReason: LocalText = {
  es: 'Número de carnet, con complemento y departamento si los tiene.',
  en: 'ID card number, with complement and department if any.',
  ar: 'رقم البطاقة، مع المكمّل والمقاطعة إن وجدا.',
};

export const recarga109: FormDefinition = {
  locale: 'es',
  fields: [
    {
      key: 'numero_fijacom',
      type: 'text',
      digits: 7,
      label: { es: 'Número Fijacom', en: 'Fijacom number', ar: 'رقم فيجاكوم' },
      help: { es: '7 dígitos', en: '7 digits', ar: '7 أرقام' },
    },
    {
      key: 'titular_nombre',
      type: 'text',
      minLength: 3,
      maxLength: 120,
      label: { es: 'Nombre del titular', en: "Holder's name", ar: 'اسم صاحب الخط' },
    },
    {
      key: 'titular_ci',
      type: 'national_id',
      label: { es: 'Carnet (CI) del titular', en: "Holder's ID card (CI)", ar: 'بطاقة هوية صاحب الخط (CI)' },
      help: ciReason,
    },
    {
      key: 'es_titular',
      type: 'yes_no',
      label: {
        es: '¿Quien solicita la recarga es el titular?',
        en: 'Is the person asking for the top-up the holder?',
        ar: 'هل طالب الشحن هو صاحب الخط؟',
      },
    },
    {
      key: 'solicitante_nombre',
      type: 'text',
      minLength: 3,
      maxLength: 120,
      showIf: { field: 'es_titular', equals: false },
      label: {
        es: 'Nombre de la persona que solicita la recarga',
        en: 'Name of the person asking for the top-up',
        ar: 'اسم الشخص الذي يطلب الشحن',
      },
    },
    {
      key: 'solicitante_ci',
      type: 'national_id',
      showIf: { field: 'es_titular', equals: false },
      label: {
        es: 'Carnet (CI) de quien solicita',
        en: "Requester's ID card (CI)",
        ar: 'بطاقة هوية طالب الشحن (CI)',
      },
      help: ciReason,
    },
    {
      key: 'parentesco',
      type: 'choice',
      showIf: { field: 'es_titular', equals: false },
      label: {
        es: 'Parentesco con el titular',
        en: 'Relationship to the holder',
        ar: 'صلة القرابة بصاحب الخط',
      },
      options: [
        { value: 'conyuge', label: { es: 'Cónyuge', en: 'Spouse', ar: 'الزوج أو الزوجة' } },
        { value: 'hijo', label: { es: 'Hijo(a)', en: 'Son or daughter', ar: 'ابن أو ابنة' } },
        { value: 'padre', label: { es: 'Padre o madre', en: 'Parent', ar: 'أحد الوالدين' } },
        { value: 'hermano', label: { es: 'Hermano(a)', en: 'Brother or sister', ar: 'أخ أو أخت' } },
        { value: 'otro', label: { es: 'Otro', en: 'Other', ar: 'آخر' } },
      ],
    },
    {
      key: 'parentesco_detalle',
      type: 'text',
      maxLength: 80,
      showIf: { field: 'parentesco', equals: 'otro' },
      label: { es: '¿Cuál es el parentesco?', en: 'What is the relationship?', ar: 'ما صلة القرابة؟' },
    },
    {
      key: 'monto',
      type: 'amount',
      min: 0,
      minExclusive: true,
      max: 200,
      label: { es: 'Monto de la recarga (Bs)', en: 'Top-up amount (Bs)', ar: 'مبلغ الشحن (بوليفيانو)' },
      help: {
        es: 'Hasta 200 Bs. por 14000 Mb',
        en: 'At most 200 Bs, for 14,000 MB',
        ar: 'حتى 200 بوليفيانو مقابل 14000 ميغابايت',
      },
    },
  ],
  observation:
    'Recarga de bolsillo de {{monto}} Bs a la línea Fijacom {{numero_fijacom}}, titular {{titular_nombre}} ' +
    '(CI {{titular_ci}}). ' +
    '{{#if es_titular}}Solicita el titular.{{else}}Solicita: {{solicitante_nombre}}, CI {{solicitante_ci}}, ' +
    'parentesco: {{#if parentesco_detalle}}{{parentesco_detalle}}{{else}}{{parentesco}}{{/if}}.{{/if}}',
};
