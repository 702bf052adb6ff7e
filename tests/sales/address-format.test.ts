// The mandatory installation-address format (seed 002, Annex 1): every example the seed gives is accepted,
// what an agent types is normalised to the CRM's form, and each kind of wrong address is refused with a
// code, a sentence and the Annex-1 example that shows the right form.
import { describe, expect, it } from 'vitest';
import {
  type AddressFormat,
  type AddressProblem,
  checkAddress,
  defaultAddressFormat,
  normalizeAddress,
} from '#shared/sales/address-format.ts';

// Literal copies: emptying or mangling the format's examples must not make this file pass vacuously.
const annex1 = [
  'LA PAZ - 2020 ENTRE LANZA Y ANTEZANA',
  'LA PAZ - 2030 ESQUINA LANZA',
  'LA PAZ - 2040 ENTRE LANZA Y ANTEZANA EDIFICIO ELIAS PISO 5 DEPTO B',
  'LA PAZ - 2040 ENTRE LANZA Y ANTEZANA CONDOMINIO HORIZONTES BLOQUE I PISO 4 DEPTO A',
  '25 DE MAYO - 0073 ENTRE JORDAN Y SUCRE. OBSERVACIONES: DENTRO DEL PASAJE ALDUNATE LADO NORTE CASETA 73',
  'QUILLA - 0563 ENTRE ILLAPA Y PACHAMAMA. OBSERVACIONES: PARQUE LINCOLN, ACERA NORTE.',
  'INNOMINADA - 1512 ZONA PUCARA BARRIO EL PORVENIR',
];

describe('the Annex 1 examples', () => {
  it('are all in the default format, and more than the literal copies only by the rural directions', () => {
    for (const example of annex1) expect(defaultAddressFormat.examples).toContain(example);
    expect(defaultAddressFormat.examples).toHaveLength(annex1.length + 1);
  });

  it.each(annex1)('accepts %s unchanged', (example) => {
    const check = checkAddress(example);
    expect(check).toMatchObject({ ok: true, normalized: example });
  });

  it('accepts every example of the default format', () => {
    const refused = defaultAddressFormat.examples.filter((e) => !checkAddress(e).ok);
    expect(refused).toEqual([]);
  });
});

describe('normalizeAddress', () => {
  it.each([
    ['la paz-2020 entre lanza y antezana', 'LA PAZ - 2020 ENTRE LANZA Y ANTEZANA'],
    ['  la   paz  -2030\tesquina\nlanza ', 'LA PAZ - 2030 ESQUINA LANZA'],
    ['la paz- 2020 entre lanza y antezana', 'LA PAZ - 2020 ENTRE LANZA Y ANTEZANA'],
    ['peñaranda – 12 esquina ñuflo de chávez', 'PEÑARANDA - 12 ESQUINA ÑUFLO DE CHÁVEZ'],
    ['cha\u0301vez - 1 esquina lanza', 'CHÁVEZ - 1 ESQUINA LANZA'],
    ['santa cruz-bolivia - 12 esquina lanza', 'SANTA CRUZ-BOLIVIA - 12 ESQUINA LANZA'],
    [
      'la paz-2040 entre lanza y antezana edificio elias piso 5 depto 2-b',
      'LA PAZ - 2040 ENTRE LANZA Y ANTEZANA EDIFICIO ELIAS PISO 5 DEPTO 2-B',
    ],
    ['25 de mayo-0073 entre jordan y sucre', '25 DE MAYO - 0073 ENTRE JORDAN Y SUCRE'],
    ['   ', ''],
  ])('%j becomes %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
    expect(normalizeAddress(expected)).toBe(expected);
  });
});

const wrong: [string, AddressProblem][] = [
  ['', 'empty'],
  [' \t ', 'empty'],
  ['LA PAZ 2020 ENTRE LANZA Y ANTEZANA', 'missing_separator'],
  ['- 2020 ENTRE LANZA Y ANTEZANA', 'missing_street'],
  ['LA PAZ - ENTRE LANZA Y ANTEZANA', 'missing_number'],
  ['LA PAZ -', 'missing_number'],
  ['LA PAZ - S/N ENTRE LANZA Y ANTEZANA', 'bad_number'],
  ['LA PAZ - 20A ENTRE LANZA Y ANTEZANA', 'bad_number'],
  ['LA PAZ - 2020', 'missing_reference'],
  ['LA PAZ - 2020 LANZA Y ANTEZANA', 'missing_reference'],
  ['LA PAZ - 2020 ENTRE LANZA', 'incomplete_between'],
  ['LA PAZ - 2020 ENTRE LANZA Y', 'incomplete_between'],
  ['LA PAZ - 2020 ENTRE Y ANTEZANA', 'incomplete_between'],
  ['LA PAZ - 2020 ENTRE LANZA Y EDIFICIO ELIAS PISO 5 DEPTO B', 'incomplete_between'],
  ['LA PAZ - 2030 ESQUINA', 'incomplete_corner'],
  ['LA PAZ - 2030 ESQUINA EDIFICIO ELIAS PISO 5 DEPTO B', 'incomplete_corner'],
  ['LA PAZ - 2040 ENTRE LANZA Y ANTEZANA EDIFICIO ELIAS', 'bad_building'],
  ['LA PAZ - 2040 ENTRE LANZA Y ANTEZANA EDIFICIO ELIAS PISO 5', 'bad_building'],
  ['LA PAZ - 2040 ENTRE LANZA Y ANTEZANA EDIFICIO PISO 5 DEPTO B', 'bad_building'],
  ['LA PAZ - 2040 ENTRE LANZA Y ANTEZANA EDIFICIO ELIAS DEPTO B PISO 5', 'bad_building'],
  ['LA PAZ - 2040 ENTRE LANZA Y ANTEZANA EDIFICIO ELIAS PISO 5 DPTO B', 'bad_building'],
  ['LA PAZ - 2040 ENTRE LANZA Y ANTEZANA PISO 5 DEPTO B', 'bad_building'],
  ['LA PAZ - 2040 ENTRE LANZA Y ANTEZANA CONDOMINIO HORIZONTES PISO 4 DEPTO A', 'bad_condominium'],
  ['LA PAZ - 2040 ENTRE LANZA Y ANTEZANA CONDOMINIO HORIZONTES BLOQUE PISO 4 DEPTO A', 'bad_condominium'],
  ['LA PAZ - 2040 ENTRE LANZA Y ANTEZANA BLOQUE I PISO 4 DEPTO A', 'bad_condominium'],
  ['INNOMINADA - 1512', 'rural_needs_zone'],
  ['INNOMINADA - 1512 ENTRE LANZA Y ANTEZANA', 'rural_needs_zone'],
  ['INNOMINADA - 1512 ZONA BARRIO EL PORVENIR', 'rural_needs_zone'],
  ['INNOMINADA - 1512 ZONA PUCARA', 'rural_needs_neighbourhood'],
  ['INNOMINADA - 1512 ZONA PUCARA BARRIO', 'rural_needs_neighbourhood'],
  ['25 DE MAYO - 0073 ENTRE JORDAN Y SUCRE. OBSERVACIONES:', 'empty_observations'],
  ['25 DE MAYO - 0073 ENTRE JORDAN Y SUCRE OBSERVACIONES', 'empty_observations'],
  ['LA PAZ - 2040 ENTRE LANZA Y ANTEZANA EDIFICIO ELIAS PISO 5 DEPTO B CASA VERDE', 'unexpected_text'],
  ['LA PAZ - 2020 ENTRE LANZA Y ANTEZANA ZONA CENTRO', 'unexpected_text'],
];

describe('wrong addresses', () => {
  it.each(wrong)('%j is refused as %s', (raw, problem) => {
    const check = checkAddress(raw);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problem).toBe(problem);
    expect(check.message).toMatch(/^[A-Z].*\.$/);
    expect(defaultAddressFormat.examples).toContain(check.example);
  });

  it('answers each problem with the example that shows the right form', () => {
    const exampleFor = (raw: string) => {
      const check = checkAddress(raw);
      return check.ok ? null : check.example;
    };
    expect(exampleFor('LA PAZ 2020 ENTRE LANZA Y ANTEZANA')).toBe('LA PAZ - 2020 ENTRE LANZA Y ANTEZANA');
    expect(exampleFor('LA PAZ - 2030 ESQUINA')).toBe('LA PAZ - 2030 ESQUINA LANZA');
    expect(exampleFor('LA PAZ - 1 ENTRE A Y B EDIFICIO ELIAS PISO 5')).toBe(annex1[2]);
    expect(exampleFor('LA PAZ - 1 ENTRE A Y B CONDOMINIO HORIZONTES PISO 4 DEPTO A')).toBe(annex1[3]);
    expect(exampleFor('LA PAZ - 1 ENTRE A Y B. OBSERVACIONES:')).toBe(annex1[4]);
    expect(exampleFor('INNOMINADA - 1512 ZONA PUCARA')).toBe(annex1[6]);
    expect(exampleFor('INNOMINADA 1512 ZONA PUCARA BARRIO EL PORVENIR')).toBe(annex1[6]);
  });

  it('names the problem in the message', () => {
    const check = checkAddress('LA PAZ - 2020 ENTRE LANZA');
    expect(check).toMatchObject({ ok: false, message: expect.stringMatching(/ENTRE.*Y/) });
  });
});

describe('the parts of an accepted address', () => {
  it('reads a condominium', () => {
    expect(checkAddress(annex1[3])).toEqual({
      ok: true,
      normalized: annex1[3],
      parts: {
        street: 'LA PAZ',
        number: '2040',
        between: ['LANZA', 'ANTEZANA'],
        building: { kind: 'condominium', name: 'HORIZONTES', block: 'I', floor: '4', apartment: 'A' },
      },
    });
  });

  it('reads a building on a corner', () => {
    const check = checkAddress('la paz-2030 esquina lanza edificio torre elias piso 12 depto 2-b');
    expect(check).toMatchObject({
      ok: true,
      parts: {
        street: 'LA PAZ',
        corner: 'LANZA',
        building: { kind: 'building', name: 'TORRE ELIAS', floor: '12', apartment: '2-B' },
      },
    });
  });

  it('keeps leading zeros and reads the observations, with or without the dot', () => {
    const parts = { street: '25 DE MAYO', number: '0073', between: ['JORDAN', 'SUCRE'] };
    const observations = 'DENTRO DEL PASAJE ALDUNATE LADO NORTE CASETA 73';
    expect(checkAddress(annex1[4])).toMatchObject({ ok: true, parts: { ...parts, observations } });
    const noDot = checkAddress(`25 de mayo - 0073 entre jordan y sucre observaciones ${observations}`);
    expect(noDot).toMatchObject({ ok: true, parts: { ...parts, observations } });
  });

  it('reads the rural form and its directions', () => {
    const check = checkAddress(defaultAddressFormat.examples[7]);
    expect(check).toMatchObject({
      ok: true,
      parts: { street: 'INNOMINADA', number: '1512', zone: 'PUCARA', neighbourhood: 'EL PORVENIR' },
    });
    expect(check.ok && check.parts.observations).toMatch(/^AV\. VILLAZON KM 8 .* LADRILLO VISTO\.$/);
  });

  it('takes multi-word streets, and splits ENTRE at the first Y', () => {
    expect(checkAddress('AV. VILLAZON - 120 ENTRE 25 DE MAYO Y AV. AMERICA')).toMatchObject({
      ok: true,
      parts: { street: 'AV. VILLAZON', between: ['25 DE MAYO', 'AV. AMERICA'] },
    });
    expect(checkAddress('LA PAZ - 1 ENTRE LANZA Y JUAN Y MARIA')).toMatchObject({
      ok: true,
      parts: { between: ['LANZA', 'JUAN Y MARIA'] },
    });
    expect(checkAddress('YOTALA - 1 ENTRE YURAC Y YAPACANI')).toMatchObject({
      ok: true,
      parts: { street: 'YOTALA', between: ['YURAC', 'YAPACANI'] },
    });
  });
});

describe('an edited format', () => {
  const edited: AddressFormat = {
    keywords: { ...defaultAddressFormat.keywords, apartment: 'DPTO' },
    examples: ['SUCRE - 10 ESQUINA BOLIVAR', 'SUCRE - 12 ESQUINA BOLIVAR EDIFICIO SOL PISO 2 DPTO C'],
  };

  it('reads its keywords and answers with its examples', () => {
    expect(checkAddress('sucre - 12 esquina bolivar edificio sol piso 2 dpto c', edited).ok).toBe(true);
    expect(checkAddress('SUCRE - 12 ESQUINA BOLIVAR EDIFICIO SOL PISO 2 DEPTO C', edited)).toMatchObject({
      ok: false,
      problem: 'bad_building',
      example: edited.examples[1],
      message: expect.stringContaining('DPTO'),
    });
  });

  it('answers with its first example when none shows the case, and with nothing when it has none', () => {
    expect(checkAddress('INNOMINADA - 1', edited)).toMatchObject({ example: edited.examples[0] });
    expect(checkAddress('INNOMINADA - 1', { ...edited, examples: [] })).toMatchObject({ example: '' });
  });
});
