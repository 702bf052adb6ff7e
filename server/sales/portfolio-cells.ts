// One portfolio row, checked and put in the forms the hub matches contacts by: CI upper case with one
// space before the issuing department, phones in E.164, service numbers as 7 bare digits. A row is taken
// whole or refused whole, with the first reason found, so a supervisor fixing the file sees one thing to
// correct per line and a re-import never half-applies a row.
import type { CountryCode } from 'libphonenumber-js';
import { inputProblem } from '#shared/input-guard.ts';
import { toE164 } from '#shared/phone.ts';
import type { ColumnMapping, MappedColumn } from './portfolio-columns.ts';

export type PortfolioRow = {
  /** 1-based, as a spreadsheet shows it: the header is line 1. */
  line: number;
  name: string;
  nationalId: string | null;
  phones: string[];
  serviceNumber: string | null;
  address: string | null;
  /** Lower case; where the terms and conditions are mailed after installation. */
  email: string | null;
  attributes: Record<string, string>;
};

export type RefusalCode =
  | 'missing_name'
  | 'no_identifier'
  | 'bad_national_id'
  | 'bad_phone'
  | 'bad_service_number'
  | 'bad_email'
  | 'duplicate_in_file'
  | 'too_long'
  | 'bad_text';

export type RefusedRow = {
  line: number;
  code: RefusalCode;
  message: string;
  /** The header of the column at fault, as typed in the file. */
  field?: string;
};

export type RowOutcome = { ok: true; row: PortfolioRow } | { ok: false; refused: RefusedRow };

const MAX_LENGTH = { name: 200, address: 500, attribute: 1000, phones: 200 } as const;

// A Bolivian carnet, as server/widget/identify-visitor.ts reads it: digits, optionally a duplicate
// suffix (1234567-1B) and the issuing department (LP).
const CI = /^\d{4,10}(-?[0-9A-Z]{1,3})?( ?[A-Z]{2})?$/;
// The department after a space, or one of the nine department codes glued to the digits ("1234567LP").
const CI_DEPARTMENT = /^(.*?)(?:(?<= )([A-Z]{2})|(?<=\d)(LP|CB|SC|OR|PT|CH|TJ|BE|PD))$/;
// Fijacom and fixed-line service numbers: 7 digits (DOMAIN.md §2).
const SERVICE_NUMBER = /^\d{7}$/;
// One address, as a person types it into a sheet: something@domain.tld, no spaces (RFC 5322 is wider;
// what a mail server accepts is checked when the terms are mailed).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
// Controls other than tab and line breaks, and U+FFFD (what invalid UTF-8 decodes to): a broken export.
const BAD_CHARS = /[^\P{Cc}\t\n\r]|\uFFFD/u;

/** "1234567 lp", "1234567LP", "1234567 - 1B LP" → "1234567 LP", "1234567-1B LP"; null when not a CI. */
export function normaliseNationalId(raw: string): string | null {
  const upper = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  const m = CI_DEPARTMENT.exec(upper);
  const core = (m ? m[1] : upper).replaceAll(' ', '');
  const department = m ? (m[2] ?? m[3]) : undefined;
  const id = department ? `${core} ${department}` : core;
  return CI.test(id) ? id : null;
}

/** One cell may list several numbers ("71234567 / 4412345"); E.164 each, or the first one that is not. */
export function normalisePhones(raw: string, country: CountryCode): { phones: string[] } | { bad: string } {
  const phones: string[] = [];
  for (const part of raw.split(/[/,;]/)) {
    const value = part.trim();
    if (!value) continue;
    const e164 = toE164(value, country);
    if (!e164) return { bad: value };
    phones.push(e164);
  }
  return { phones };
}

/** "441 2345", "441-2345" → "4412345"; null when not 7 digits. */
export function normaliseServiceNumber(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  return SERVICE_NUMBER.test(digits) ? digits : null;
}

const shown = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

function textProblem(value: string): string | null {
  const problem = inputProblem(value);
  if (problem) return problem.message;
  return BAD_CHARS.test(value) ? 'contains control characters or bytes that are not valid text' : null;
}

/**
 * A checker for the data rows of one file, in file order: it remembers the CIs and service numbers of
 * the rows it accepted, so a second row for the same customer is refused with the line of the first.
 */
export function rowChecker(mapping: ColumnMapping, phoneCountry: CountryCode) {
  const lineOfNationalId = new Map<string, number>();
  const lineOfServiceNumber = new Map<string, number>();
  const single = (field: MappedColumn['field']) => mapping.find((c) => c.field === field);
  const nameColumn = single('name')!;
  const idColumn = single('nationalId');
  const serviceColumn = single('serviceNumber');
  const addressColumn = single('address');
  const emailColumn = single('email');
  const phoneColumns = mapping.filter((c) => c.field === 'phones');
  const attributeColumns = mapping.filter((c) => c.field === 'attribute');

  return (line: number, cells: readonly string[]): RowOutcome => {
    const refuse = (code: RefusalCode, message: string, column?: MappedColumn): RowOutcome => ({
      ok: false,
      refused: { line, code, message, ...(column ? { field: column.header } : {}) },
    });
    const cell = (column: MappedColumn | undefined) => (column ? (cells[column.index] ?? '').trim() : '');

    for (const column of mapping) {
      const problem = textProblem(cell(column));
      if (problem) return refuse('bad_text', `${column.header}: ${problem}`, column);
    }
    const tooLong = (column: MappedColumn | undefined, max: number) =>
      column && cell(column).length > max
        ? refuse('too_long', `${column.header}: longer than ${max} characters`, column)
        : null;
    const longCell =
      tooLong(nameColumn, MAX_LENGTH.name) ??
      tooLong(addressColumn, MAX_LENGTH.address) ??
      phoneColumns.map((c) => tooLong(c, MAX_LENGTH.phones)).find((r) => r !== null) ??
      attributeColumns.map((c) => tooLong(c, MAX_LENGTH.attribute)).find((r) => r !== null);
    if (longCell) return longCell;

    const name = cell(nameColumn).replace(/\s+/g, ' ');
    if (!name) return refuse('missing_name', `${nameColumn.header} is empty`, nameColumn);

    const rawId = cell(idColumn);
    const nationalId = rawId ? normaliseNationalId(rawId) : null;
    if (rawId && !nationalId) {
      return refuse('bad_national_id', `${idColumn!.header}: ${shown(rawId)} is not a CI number`, idColumn);
    }

    const phones: string[] = [];
    for (const column of phoneColumns) {
      const read = normalisePhones(cell(column), phoneCountry);
      if ('bad' in read) {
        return refuse('bad_phone', `${column.header}: ${shown(read.bad)} is not a phone number`, column);
      }
      for (const p of read.phones) if (!phones.includes(p)) phones.push(p);
    }

    const rawService = cell(serviceColumn);
    const serviceNumber = rawService ? normaliseServiceNumber(rawService) : null;
    if (rawService && !serviceNumber) {
      const header = serviceColumn!.header;
      return refuse('bad_service_number', `${header}: ${shown(rawService)} is not 7 digits`, serviceColumn);
    }

    if (!nationalId && phones.length === 0 && !serviceNumber) {
      return refuse('no_identifier', 'No CI, phone or service number: the customer could not be matched');
    }

    const idLine = nationalId ? lineOfNationalId.get(nationalId) : undefined;
    if (idLine) {
      return refuse('duplicate_in_file', `${idColumn!.header}: same CI as line ${idLine}`, idColumn);
    }
    const serviceLine = serviceNumber ? lineOfServiceNumber.get(serviceNumber) : undefined;
    if (serviceLine) {
      const message = `${serviceColumn!.header}: same service number as line ${serviceLine}`;
      return refuse('duplicate_in_file', message, serviceColumn);
    }
    if (nationalId) lineOfNationalId.set(nationalId, line);
    if (serviceNumber) lineOfServiceNumber.set(serviceNumber, line);

    const attributes: Record<string, string> = {};
    for (const column of attributeColumns) {
      const value = cell(column);
      if (value) attributes[column.header] = value;
    }
    const address = cell(addressColumn) || null;
    const email = cell(emailColumn).toLowerCase() || null;
    if (email && !EMAIL.test(email)) {
      return refuse(
        'bad_email',
        `${emailColumn!.header}: ${shown(email)} is not an e-mail address`,
        emailColumn,
      );
    }
    return { ok: true, row: { line, name, nationalId, phones, serviceNumber, address, email, attributes } };
  };
}
