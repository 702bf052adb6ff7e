// The installation address the sales desk types into the operator's CRM must follow one format (seed 002,
// Annex 1, "FORMATO OBLIGATORIO"), or the installer cannot find the house. The format is data an admin can
// edit: its words and its examples; the grammar is fixed. Runs in the browser too: no Node-only code.
//
// Reading rules, for the cases the seed does not settle:
// - The street is everything before the first " - "; the number right after it is digits only (leading
//   zeros kept: 0073). A street name may hold any word, digits and dots (25 DE MAYO, AV. VILLAZON).
// - ENTRE A Y B splits at the FIRST standalone word Y: a street whose name contains the word Y can only be
//   the second one (ENTRE LANZA Y JUAN Y MARIA reads LANZA and JUAN Y MARIA). Y inside a word is not a split.
// - A cross-street name ends at EDIFICIO, CONDOMINIO, PISO, DEPTO, BLOQUE, ZONA or BARRIO.
// - EDIFICIO needs name PISO n DEPTO x, CONDOMINIO needs name BLOQUE x PISO n DEPTO y, in that order, one
//   word per value; nothing may follow but the observations.
// - The rural form is for a street written exactly INNOMINADA (the seed's only example, whose named road
//   goes in the observations); it takes ZONA and BARRIO instead of cross streets. The seed only recommends
//   observations there, so they are not required.
// - OBSERVACIONES (with or without a colon, with or without a dot before it) starts free text to the end.

const annex1Keywords = {
  between: 'ENTRE',
  and: 'Y',
  corner: 'ESQUINA',
  building: 'EDIFICIO',
  condominium: 'CONDOMINIO',
  block: 'BLOQUE',
  floor: 'PISO',
  apartment: 'DEPTO',
  observations: 'OBSERVACIONES',
  unnamed: 'INNOMINADA',
  zone: 'ZONA',
  neighbourhood: 'BARRIO',
};

export type AddressKeyword = keyof typeof annex1Keywords;

export type AddressFormat = {
  /** One word each, as typed in the CRM (ENTRE, Y, ...). */
  keywords: Record<AddressKeyword, string>;
  /** Correct addresses shown to the agent; each must pass `checkAddress` with this format. */
  examples: string[];
};

export const defaultAddressFormat: AddressFormat = {
  keywords: annex1Keywords,
  examples: [
    'LA PAZ - 2020 ENTRE LANZA Y ANTEZANA',
    'LA PAZ - 2030 ESQUINA LANZA',
    'LA PAZ - 2040 ENTRE LANZA Y ANTEZANA EDIFICIO ELIAS PISO 5 DEPTO B',
    'LA PAZ - 2040 ENTRE LANZA Y ANTEZANA CONDOMINIO HORIZONTES BLOQUE I PISO 4 DEPTO A',
    '25 DE MAYO - 0073 ENTRE JORDAN Y SUCRE. OBSERVACIONES: DENTRO DEL PASAJE ALDUNATE LADO NORTE CASETA 73',
    'QUILLA - 0563 ENTRE ILLAPA Y PACHAMAMA. OBSERVACIONES: PARQUE LINCOLN, ACERA NORTE.',
    'INNOMINADA - 1512 ZONA PUCARA BARRIO EL PORVENIR',
    // The seed's advice for the rural form, written out: provisional number, the way there in observations.
    'INNOMINADA - 1512 ZONA PUCARA BARRIO EL PORVENIR. OBSERVACIONES: AV. VILLAZON KM 8 AL NORTE 5 CUADRAS ' +
      'DOBLAR A LA IZQUIERDA HASTA EL CENTRO DE SALUD LUEGO 4 CUADRAS AL NORTE CASA 2P. FACHADA DE LADRILLO VISTO.',
  ],
};

export type AddressBuilding = {
  kind: 'building' | 'condominium';
  name: string;
  block?: string;
  floor?: string;
  apartment?: string;
};

export type AddressParts = {
  street: string;
  number: string;
  between?: [string, string];
  corner?: string;
  building?: AddressBuilding;
  zone?: string;
  neighbourhood?: string;
  observations?: string;
};

// Each problem with the sentence the agent reads, in the format's own words.
const messages = {
  empty: () => 'Type the installation address.',
  missing_separator: () => 'Separate the street from the house number with " - ".',
  missing_street: () => 'Type the street name before " - ".',
  missing_number: () => 'Type the house number after " - ".',
  bad_number: () => 'The house number must be digits only; give a provisional number if the house has none.',
  missing_reference: (w: Words) =>
    `After the number, give the cross streets: ${w.between} street ${w.and} street, or ${w.corner} street.`,
  incomplete_between: (w: Words) => `${w.between} needs two street names joined by ${w.and}.`,
  incomplete_corner: (w: Words) => `${w.corner} needs the name of the corner street.`,
  bad_building: (w: Words) =>
    `Write a building as ${w.building} name ${w.floor} floor ${w.apartment} apartment.`,
  bad_condominium: (w: Words) =>
    `Write a condominium as ${w.condominium} name ${w.block} block ${w.floor} floor ${w.apartment} apartment.`,
  rural_needs_zone: (w: Words) =>
    `An ${w.unnamed} address needs ${w.zone} and the zone name right after the number.`,
  rural_needs_neighbourhood: (w: Words) =>
    `An ${w.unnamed} address needs ${w.neighbourhood} and its name after the zone.`,
  empty_observations: (w: Words) => `Write the directions after ${w.observations}:, or remove it.`,
  unexpected_text: (w: Words) =>
    `Remove the words after the address; put further directions after ${w.observations}:.`,
} satisfies Record<string, (w: Words) => string>;

export type AddressProblem = keyof typeof messages;

export type AddressCheck =
  | { ok: true; normalized: string; parts: AddressParts }
  | { ok: false; normalized: string; problem: AddressProblem; message: string; example: string };

/** Upper case (accents and Ñ kept), one space between words, the street/number dash spelt " - ". */
export function normalizeAddress(raw: string): string {
  let s = raw
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  // A dash with a space on either side is the separator; so is `LA PAZ-2020`, if no spaced one exists
  // (a dash between letters, `SANTA CRUZ-BOLIVIA`, or inside `DEPTO 2-B` stays as typed).
  s = s.replace(/ ?- | -/g, ' - ');
  if (!s.includes(' - ')) s = s.replace(/(\S)-(?=\d)/, '$1 - ');
  return s.trim();
}

type Shape = 'plain' | 'corner' | 'building' | 'condominium' | 'rural' | 'observations';
type Parsed = { ok: true; parts: AddressParts } | { ok: false; problem: AddressProblem; shape: Shape };
type Words = Record<AddressKeyword, string>;

const fail = (problem: AddressProblem, shape: Shape): Parsed => ({ ok: false, problem, shape });

export function checkAddress(raw: string, format: AddressFormat = defaultAddressFormat): AddressCheck {
  const normalized = normalizeAddress(raw);
  const words = keywordsOf(format);
  const parsed = parse(normalized, words);
  if (parsed.ok) return { ok: true, normalized, parts: parsed.parts };
  return {
    ok: false,
    normalized,
    problem: parsed.problem,
    message: messages[parsed.problem](words),
    example: exampleFor(parsed.shape, format, words),
  };
}

function keywordsOf(format: AddressFormat): Words {
  const entries = Object.entries(format.keywords).map(([k, w]) => [k, normalizeAddress(w)]);
  return Object.fromEntries(entries) as Words;
}

function parse(normalized: string, w: Words): Parsed {
  if (normalized === '') return fail('empty', 'plain');
  const { main, observations } = splitObservations(normalized, w.observations);
  const parsed = parseMain(main, observations, w);
  // The address itself is the bigger mistake, so a bare OBSERVACIONES: is reported only once it is right.
  if (parsed.ok && observations === '') return fail('empty_observations', 'observations');
  return parsed;
}

function parseMain(main: string, observations: string | undefined, w: Words): Parsed {
  const tokens = main === '' ? [] : main.split(' ');
  const shape: Shape = tokens[0] === w.unnamed ? 'rural' : 'plain';
  const dash = tokens.indexOf('-');
  if (tokens.length === 0 || dash === 0) return fail('missing_street', shape);
  if (dash === -1) return fail('missing_separator', shape);
  const street = tokens.slice(0, dash).join(' ');
  const number = tokens[dash + 1];
  if (number === undefined || number === '-' || Object.values(w).includes(number)) {
    return fail('missing_number', shape);
  }
  if (!/^\d+$/.test(number)) return fail('bad_number', shape);
  const base: AddressParts = { street, number };
  if (observations) base.observations = observations;
  const rest = tokens.slice(dash + 2);
  return street === w.unnamed ? parseRural(rest, base, w) : parseUrban(rest, base, w);
}

function splitObservations(s: string, word: string): { main: string; observations?: string } {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|[\\s.,;])${escaped}(?:\\s*:|(?=\\s|$))`).exec(s);
  if (!match) return { main: s.replace(/[.,;]+$/, '') };
  return {
    main: s.slice(0, match.index).replace(/[\s.,;]+$/, ''),
    observations: s.slice(match.index + match[0].length).trim(),
  };
}

function parseUrban(rest: string[], base: AddressParts, w: Words): Parsed {
  const enders = [w.building, w.condominium, w.block, w.floor, w.apartment, w.zone, w.neighbourhood];
  const endAt = rest.findIndex((t, i) => i > 0 && enders.includes(t));
  const end = endAt === -1 ? rest.length : endAt;
  const names = rest.slice(1, end);
  const parts: AddressParts = { ...base };
  if (rest[0] === w.between) {
    const and = names.indexOf(w.and);
    if (and <= 0 || and === names.length - 1) return fail('incomplete_between', 'plain');
    parts.between = [names.slice(0, and).join(' '), names.slice(and + 1).join(' ')];
  } else if (rest[0] === w.corner) {
    if (names.length === 0) return fail('incomplete_corner', 'corner');
    parts.corner = names.join(' ');
  } else {
    return fail('missing_reference', 'plain');
  }
  const tail = rest.slice(end);
  return tail.length === 0 ? { ok: true, parts } : parseBuilding(tail, parts, w);
}

function parseBuilding(tail: string[], parts: AddressParts, w: Words): Parsed {
  const head = tail[0];
  const kind = head === w.building ? 'building' : head === w.condominium ? 'condominium' : undefined;
  if (kind === undefined) {
    if (head === w.block) return fail('bad_condominium', 'condominium');
    if (head === w.floor || head === w.apartment) return fail('bad_building', 'building');
    return fail('unexpected_text', parts.corner !== undefined ? 'corner' : 'plain');
  }
  const problem = kind === 'building' ? 'bad_building' : 'bad_condominium';
  const labels = kind === 'building' ? [w.floor, w.apartment] : [w.block, w.floor, w.apartment];
  const nameEnd = tail.findIndex((t) => t === w.block || t === w.floor || t === w.apartment);
  if (nameEnd <= 1) return fail(problem, kind);
  const values: string[] = [];
  let at = nameEnd;
  for (const label of labels) {
    const value = tail[at + 1];
    if (tail[at] !== label || value === undefined || Object.values(w).includes(value)) {
      return fail(problem, kind);
    }
    values.push(value);
    at += 2;
  }
  if (at < tail.length) return fail('unexpected_text', kind);
  const name = tail.slice(1, nameEnd).join(' ');
  const [floor, apartment] = values.slice(-2);
  const building: AddressBuilding =
    kind === 'building'
      ? { kind, name, floor, apartment }
      : { kind, name, block: values[0], floor, apartment };
  return { ok: true, parts: { ...parts, building } };
}

function parseRural(rest: string[], base: AddressParts, w: Words): Parsed {
  if (rest[0] !== w.zone) return fail('rural_needs_zone', 'rural');
  const hoodAt = rest.indexOf(w.neighbourhood, 1);
  const zone = rest.slice(1, hoodAt === -1 ? rest.length : hoodAt);
  if (zone.length === 0) return fail('rural_needs_zone', 'rural');
  const hood = hoodAt === -1 ? [] : rest.slice(hoodAt + 1);
  if (hood.length === 0) return fail('rural_needs_neighbourhood', 'rural');
  return { ok: true, parts: { ...base, zone: zone.join(' '), neighbourhood: hood.join(' ') } };
}

// The example is picked from the format's own list by what it shows, so an admin's edited list still
// answers with the right one; with none that fits, the first example.
function exampleFor(shape: Shape, format: AddressFormat, w: Words): string {
  const shows: Record<Shape, (p: AddressParts) => boolean> = {
    plain: (p) => p.between !== undefined && !p.building && p.observations === undefined,
    corner: (p) => p.corner !== undefined,
    building: (p) => p.building?.kind === 'building',
    condominium: (p) => p.building?.kind === 'condominium',
    rural: (p) => p.zone !== undefined,
    observations: (p) => p.observations !== undefined,
  };
  for (const example of format.examples) {
    const parsed = parse(normalizeAddress(example), w);
    if (parsed.ok && shows[shape](parsed.parts)) return example;
  }
  return format.examples[0] ?? '';
}
