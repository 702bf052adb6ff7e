// The pre-set observation glosses (seed 002, Annex 2): every product of the seed has its glosses, each
// fills into a complete CRM text once its blanks have values, and a blank left empty is named, never pasted.
import { describe, expect, it } from 'vitest';
import { defaultGlosses, fillGloss, glossFields } from '#shared/sales/glosses.ts';

const knownFields = [
  'houseDescription',
  'reference',
  'askFor',
  'monthlyFee',
  'installationCost',
  'phoneNumber',
  'promotion',
  'requester',
];

const sample: Record<string, string> = {
  houseDescription: 'casa de 2 pisos  puerta negra',
  reference: '4251234',
  askFor: 'juan pérez',
  monthlyFee: '150',
  installationCost: '0',
  phoneNumber: '4401122',
  promotion: 'verano 2026',
  requester: 'maría quispe',
};

describe('defaultGlosses', () => {
  it('holds as many glosses per product as the seed', () => {
    const perProduct: Record<string, number> = {};
    for (const gloss of defaultGlosses) perProduct[gloss.product] = (perProduct[gloss.product] ?? 0) + 1;
    expect(perProduct).toEqual({
      'INTERNET ADSL': 2,
      'INTERNET INALAMBRICO': 2,
      'INTERNET FTTH-GPON': 2,
      'TELEVISION HFC': 2,
      'TELEVISION DTH': 2,
      'TELEFONIA FIJA': 2,
      'TELEFONIA INALAMBRICA HSPA+': 2,
      'DUO PACK': 2,
      MULTIPACK: 2,
      'FULL HOGAR INALAMBRICO': 2,
      'VENTAS CON PROMOCIONES': 1,
    });
  });

  it('gives each product one separate-invoice and one billed-to-phone gloss, and unique keys', () => {
    const keys = defaultGlosses.map((g) => g.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const product of new Set(defaultGlosses.map((g) => g.product))) {
      const billings = defaultGlosses.filter((g) => g.product === product).map((g) => g.billing);
      const expected =
        product === 'VENTAS CON PROMOCIONES' ? ['promotion'] : ['separate_invoice', 'billed_to_phone'];
      expect(billings).toEqual(expected);
    }
  });

  it('uses only known placeholder names, and asks for the phone exactly when billed to one', () => {
    for (const gloss of defaultGlosses) {
      const fields = glossFields(gloss.text);
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) expect(knownFields).toContain(field);
      expect(fields.includes('phoneNumber')).toBe(gloss.billing === 'billed_to_phone');
    }
  });

  it('leaves no blank of the seed unmarked', () => {
    for (const gloss of defaultGlosses) {
      expect(gloss.text).not.toMatch(/\.\.\.|ETC|BS\.-|N°,|N°\.|NO\. PASAR|POR CLIENTE/);
    }
  });

  it.each(defaultGlosses.map((g) => [g.key, g] as const))('%s fills completely', (_key, gloss) => {
    const values = Object.fromEntries(glossFields(gloss.text).map((f) => [f, sample[f]]));
    const filled = fillGloss(gloss.text, values);
    expect(filled.ok).toBe(true);
    if (!filled.ok) return;
    expect(filled.text).not.toContain('{{');
    expect(filled.text).not.toContain('.....');
    expect(filled.text).toBe(filled.text.toUpperCase());
    expect(filled.text).not.toMatch(/\s{2}/);
    for (const field of Object.keys(values)) {
      expect(filled.text).toContain(values[field].toUpperCase().replace(/\s+/g, ' '));
    }
  });
});

describe('glossFields', () => {
  it('lists placeholders in order of first appearance, each once', () => {
    expect(glossFields('{{b}} X {{a}} Y {{b}} {{ c }}')).toEqual(['b', 'a', 'c']);
    expect(glossFields('SIN CAMPOS')).toEqual([]);
  });
});

describe('fillGloss', () => {
  const adsl = defaultGlosses.find((g) => g.key === 'internet-adsl.billed_to_phone')!;

  it('fills the ADSL gloss into the text the CRM receives', () => {
    expect(fillGloss(adsl.text, sample)).toEqual({
      ok: true,
      text:
        'CASA DE 2 PISOS PUERTA NEGRA REFERENCIA 4251234. PASAR EN PREGUNTAR POR JUAN PÉREZ CLIENTE SOLICITA ' +
        'PRODUCTO FACTURADO AL TELEFONO 4401122, SE INFORMO TARIFA MENSUAL BS. 150.- Y COSTO POR INSTALACION ' +
        'BS. 200.-, TIEMPO DE INSTALACION Y CARACTERISTICAS DEL RETIRO DE PRODUCTO (30 DIAS DE ANTICIPACION)',
    });
  });

  it('names every missing field, counting empty and blank values as missing', () => {
    const { askFor: _a, phoneNumber: _p, ...rest } = sample;
    expect(fillGloss(adsl.text, { ...rest, monthlyFee: '   ' })).toEqual({
      ok: false,
      missing: ['askFor', 'phoneNumber', 'monthlyFee'],
    });
    expect(fillGloss(adsl.text, { ...sample, reference: '' })).toEqual({ ok: false, missing: ['reference'] });
  });

  it('inserts a value that looks like a placeholder as text, and ignores extra values', () => {
    expect(fillGloss('POR {{askFor}}', { askFor: ' {{phoneNumber}} ', other: 'x' })).toEqual({
      ok: true,
      text: 'POR {{PHONENUMBER}}',
    });
  });
});
