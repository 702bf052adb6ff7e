// Which column of a portfolio (cartera) file holds what. Supervisors export these from whatever system
// they have, in Spanish or English, with or without accents, dots and odd spacing ("C.I.", "Nro. de
// Servicio", "TELÉFONO 2"), so headers are compared in a folded form against a list of aliases; every
// other named column is kept as an attribute under its header as typed. The result is also shown to the
// supervisor ("column C 'Celular' read as phone"), so it keeps the header text and position.
import { AppError } from '#server/errors.ts';
import { inputProblem } from '#shared/input-guard.ts';

export type PortfolioField =
  | 'name'
  | 'nationalId'
  | 'phones'
  | 'serviceNumber'
  | 'address'
  | 'email'
  | 'attribute';

export type MappedColumn = {
  /** 0-based position in the row. */
  index: number;
  /** The column as a spreadsheet shows it: A, B, …, AA. */
  letter: string;
  /** The header as typed in the file (trimmed); for an attribute, also its key. */
  header: string;
  field: PortfolioField;
};

/** Every named column of the file, in file order. Columns without a header are not read. */
export type ColumnMapping = MappedColumn[];

/** A header longer than this is not a header (a data row, or a pasted paragraph). */
const MAX_HEADER_LENGTH = 100;

// Aliases as typed by people; they are compared folded (lower case, no accents, no punctuation or spaces),
// so "C.I.", "ci" and "C I" are one header.
const aliases: Record<Exclude<PortfolioField, 'attribute'>, readonly string[]> = {
  name: [
    'nombre',
    'nombres',
    'nombre completo',
    'nombre cliente',
    'nombre del cliente',
    'cliente',
    'name',
    'full name',
    'customer',
    'customer name',
  ],
  nationalId: [
    'ci',
    'carnet',
    'carnet de identidad',
    'cedula',
    'cedula de identidad',
    'documento',
    'documento de identidad',
    'nro documento',
    'nro de documento',
    'numero documento',
    'numero de documento',
    'national id',
    'id number',
  ],
  phones: [
    'telefono',
    'telefonos',
    'tel',
    'telf',
    'celular',
    'celulares',
    'movil',
    'phone',
    'phones',
    'mobile',
    'phone number',
  ],
  serviceNumber: [
    'numero de servicio',
    'numero servicio',
    'nro servicio',
    'nro de servicio',
    'servicio',
    'linea',
    'nro linea',
    'numero de linea',
    'service number',
    'fijo',
  ],
  address: ['direccion', 'direccion de instalacion', 'domicilio', 'address'],
  email: ['email', 'e mail', 'correo', 'correo electronico', 'mail'],
};

/** "Nro. de  Teléfono_2" → "nrodetelefono2". */
const foldHeader = (header: string): string =>
  header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

const fieldByAlias = new Map<string, Exclude<PortfolioField, 'attribute'>>(
  Object.entries(aliases).flatMap(([field, names]) =>
    names.map((n) => [foldHeader(n), field as Exclude<PortfolioField, 'attribute'>] as const),
  ),
);

function fieldOf(header: string): PortfolioField {
  const folded = foldHeader(header);
  const direct = fieldByAlias.get(folded);
  if (direct) return direct;
  // "Teléfono 2", "Celular 3": a numbered phone column is still a phone column.
  const numbered = /^(\D+)\d{1,2}$/.exec(folded);
  return numbered && fieldByAlias.get(numbered[1]) === 'phones' ? 'phones' : 'attribute';
}

function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  }
  return letter;
}

const invalidFile = (message: string, details: Record<string, unknown>) =>
  new AppError('validation_failed', message, { details: { field: 'file', ...details } });

/**
 * The mapping for a header row. Throws validation_failed when the file cannot be a portfolio: no name
 * column, no identifier column (CI, phone or service number), two columns claiming the same single field,
 * or the same extra header twice (its values would overwrite each other in the attributes).
 */
export function mapColumns(headerCells: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = [];
  headerCells.forEach((cell, index) => {
    const header = cell.trim();
    if (!header) return;
    if (header.length > MAX_HEADER_LENGTH) {
      throw invalidFile(
        `Column ${columnLetter(index)}'s header is longer than ${MAX_HEADER_LENGTH} characters`,
        {
          column: columnLetter(index),
        },
      );
    }
    // The header becomes an attribute key: it must be text a key can be (no NUL, not __proto__).
    const problem =
      inputProblem({ [header]: null }) ?? (/\p{Cc}/u.test(header) ? { message: 'control characters' } : null);
    if (problem) {
      throw invalidFile(`Column ${columnLetter(index)}'s header cannot be used: ${problem.message}`, {
        column: columnLetter(index),
      });
    }
    mapping.push({ index, letter: columnLetter(index), header, field: fieldOf(header) });
  });

  const missing: string[] = [];
  if (!mapping.some((c) => c.field === 'name')) missing.push('name');
  if (!mapping.some((c) => c.field === 'nationalId' || c.field === 'phones' || c.field === 'serviceNumber')) {
    missing.push('nationalId|phones|serviceNumber');
  }
  if (missing.length > 0) {
    throw invalidFile(
      'The file needs a name column (Nombre) and at least one of CI, Teléfono/Celular or Número de servicio',
      { missing, headers: mapping.map((c) => c.header) },
    );
  }

  // Several phone columns add up; any other field read from two columns would be a guess.
  const seen = new Map<string, MappedColumn>();
  for (const column of mapping) {
    if (column.field === 'phones') continue;
    const key =
      column.field === 'attribute' ? `attribute:${foldHeader(column.header) || column.header}` : column.field;
    const first = seen.get(key);
    if (first) {
      throw invalidFile(
        `Columns ${first.letter} ('${first.header}') and ${column.letter} ('${column.header}') are both read as ${column.field}; rename or remove one`,
        { duplicate: [first.header, column.header] },
      );
    }
    seen.set(key, column);
  }
  return mapping;
}
