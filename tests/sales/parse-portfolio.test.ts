// A supervisor's portfolio (cartera) file, CSV or Excel as their systems export it, becomes checked rows
// and refused lines (issue 17). What is asserted is what the supervisor sees: which line was refused and
// why (the line number they find in their spreadsheet), how each column was read, and the normalised
// customer data the import then matches contacts by.

import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { AppError } from '#server/errors.ts';
import { parsePortfolio, type RefusalCode } from '#server/sales/parse-portfolio.ts';

const csv = (text: string, name = 'cartera.csv') => ({ bytes: Buffer.from(text, 'utf8'), name });
const refusals = (r: { refused: { line: number; code: string }[] }) => r.refused.map((x) => [x.line, x.code]);

describe('parsePortfolio: CSV as exported', () => {
  it("reads a Spanish Excel export: ';' separated, UTF-8 BOM, CRLF, quoted cells", async () => {
    const text =
      '\uFEFFNombre;C.I.;Celular;Nro. Servicio;Dirección;Plan\r\n' +
      'Juan  Pérez ;1234567 lp;71234567;441-2345;LA PAZ - 2020 ENTRE LANZA Y ANTEZANA;Duo Pack\r\n' +
      '"Quispe; Ana";7654321;"72000001";;;\r\n';
    const result = await parsePortfolio(csv(text));
    expect(result.format).toBe('csv');
    expect(result.refused).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        name: 'Juan Pérez',
        nationalId: '1234567 LP',
        phones: ['+59171234567'],
        serviceNumber: '4412345',
        address: 'LA PAZ - 2020 ENTRE LANZA Y ANTEZANA',
        email: null,
        attributes: { Plan: 'Duo Pack' },
      },
      {
        line: 3,
        name: 'Quispe; Ana',
        nationalId: '7654321',
        phones: ['+59172000001'],
        serviceNumber: null,
        address: null,
        email: null,
        attributes: {},
      },
    ]);
  });

  it('gives each row the line it starts on, after multi-line quoted cells and blank lines', async () => {
    const text = [
      'Nombre,CI,Dirección',
      '"Ana',
      'María",1234567,"LA PAZ - 2020 ENTRE LANZA Y ANTEZANA\r\nOBSERVACIONES: portón verde\r\ncasa 3"',
      '',
      '   ',
      'Luis,12AB,',
      'Rosa,7654321,',
    ].join('\n');
    const result = await parsePortfolio(csv(text));
    expect(result.rows.map((r) => [r.line, r.name])).toEqual([
      [2, 'Ana María'],
      [9, 'Rosa'],
    ]);
    expect(result.rows[0].address).toBe(
      'LA PAZ - 2020 ENTRE LANZA Y ANTEZANA\r\nOBSERVACIONES: portón verde\r\ncasa 3',
    );
    // Blank lines are skipped, not refused; the bad CI is reported on the line the editor shows.
    expect(refusals(result)).toEqual([[8, 'bad_national_id']]);
  });

  it('decodes a Windows-1252 file instead of refusing every accented name', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Nombre;CI;Observación\r\nMuñoz Ñandú José;1234567;', 'latin1'),
      Buffer.from([0x93, 0x80, 0x20, 0x35, 0x30, 0x94]), // “€ 50” in Windows-1252
      Buffer.from('\r\n', 'latin1'),
    ]);
    const result = await parsePortfolio({ bytes, name: 'cartera.csv' });
    expect(result.columns.map((c) => c.header)).toEqual(['Nombre', 'CI', 'Observación']);
    expect(result.rows[0].name).toBe('Muñoz Ñandú José');
    expect(result.rows[0].attributes).toEqual({ Observación: '“€ 50”' });
  });

  it('refuses only the rows with control characters or broken bytes in a UTF-8 file', async () => {
    const good = Buffer.from('Nombre;CI\nJosé Peña;1234567\nAna;7654321\n', 'utf8');
    const broken = Buffer.concat([
      Buffer.from('Lu'),
      Buffer.from([0xff]),
      Buffer.from('is;2345678\nEva\u0007;3456789\n'),
    ]);
    const result = await parsePortfolio({ bytes: Buffer.concat([good, broken]), name: 'c.csv' });
    expect(result.rows.map((r) => r.name)).toEqual(['José Peña', 'Ana']);
    expect(result.refused).toMatchObject([
      { line: 4, code: 'bad_text', field: 'Nombre' },
      { line: 5, code: 'bad_text', field: 'Nombre' },
    ]);
  });
});

describe('parsePortfolio: Excel', () => {
  it('reads the first sheet of an .xlsx by its content, numbers typed as CI or phone as their digits', async () => {
    const bytes = await writeExcelFile([
      ['Nombre completo', 'Carnet', 'Teléfono', 'Teléfono 2', 'Fecha alta', 'Deuda'],
      [
        'Juan Pérez',
        1234567,
        71234567,
        59172000001,
        { value: new Date(Date.UTC(2024, 0, 15)), format: 'yyyy-mm-dd' },
        0,
      ],
      [null, null, null, null, null, null],
      ['Ana Rojas', 12345678, '44412345 / 72000002', null, null, 150.5],
    ]).toBuffer();
    // Named .bin: the format is read from the bytes (a zip), not the name.
    const result = await parsePortfolio({ bytes, name: 'upload.bin' });
    expect(result.format).toBe('xlsx');
    expect(result.columns.map((c) => [c.letter, c.header, c.field])).toEqual([
      ['A', 'Nombre completo', 'name'],
      ['B', 'Carnet', 'nationalId'],
      ['C', 'Teléfono', 'phones'],
      ['D', 'Teléfono 2', 'phones'],
      ['E', 'Fecha alta', 'attribute'],
      ['F', 'Deuda', 'attribute'],
    ]);
    expect(result.refused).toEqual([]);
    expect(result.rows).toMatchObject([
      {
        line: 2,
        nationalId: '1234567',
        phones: ['+59171234567', '+59172000001'],
        attributes: { 'Fecha alta': '2024-01-15', Deuda: '0' },
      },
      {
        line: 4,
        nationalId: '12345678',
        phones: ['+59144412345', '+59172000002'],
        attributes: { Deuda: '150.5' },
      },
    ]);
  });

  it('refuses an old .xls and a file named .xlsx that is not a workbook', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    await expect(parsePortfolio({ bytes: xls, name: 'cartera.xls' })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { field: 'file' },
    });
    await expect(parsePortfolio(csv('Nombre,CI\nAna,1234567\n', 'cartera.xlsx'))).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('parsePortfolio: a 5,000-row portfolio with mistakes in it', () => {
  it('refuses exactly the bad lines, with their reasons, and accepts all the others', async () => {
    const lines = ['Nombre;CI;Celular;Número de servicio;Dirección;Zona'];
    const expected: [number, RefusalCode][] = [];
    const bad: Record<number, [RefusalCode, (i: number) => string]> = {
      101: ['missing_name', (i) => ` ;${1_000_000 + i};;;;`],
      502: ['no_identifier', () => 'Sin Datos;;;;CALLE - 1 ESQUINA X;Norte'],
      1003: ['bad_national_id', () => 'Mal CI;12AB;;;;'],
      2004: ['bad_phone', (i) => `Mal Fono;${1_000_000 + i};71234567 / 123;;;`],
      3005: ['bad_service_number', (i) => `Mal Servicio;${1_000_000 + i};;12345;;`],
      4006: ['duplicate_in_file', () => 'Repetido;1000001 lp;;;;'],
      4507: ['bad_text', (i) => `Con\u0007Campana;${1_000_000 + i};;;;`],
      4998: ['too_long', (i) => `${'N'.repeat(300)};${1_000_000 + i};;;;`],
    };
    // The line a text editor shows for the next record, counted here independently of the parser.
    let nextLine = 2;
    const add = (...records: string[]) => {
      for (const r of records) {
        lines.push(r);
        nextLine += r.split('\r\n').length;
      }
    };
    for (let i = 1; i <= 5000; i++) {
      if (bad[i]) {
        expected.push([nextLine, bad[i][0]]);
        add(bad[i][1](i));
      } else if (i === 2500) {
        // A two-line quoted address, then a blank line: every later row sits two lines further down.
        add(`Cliente ${i};${1_000_000 + i};;${4_000_000 + i};"LA PAZ - 1\r\nOBSERVACIONES: pasaje";`, '');
      } else {
        const ci = i === 1 ? '1000001 LP' : `${1_000_000 + i}`;
        add(`Cliente ${i};${ci};7${String(i).padStart(7, '0')};${4_000_000 + i};;Zona ${i % 7}`);
      }
    }

    const started = performance.now();
    const result = await parsePortfolio(csv(lines.join('\r\n')));
    const elapsed = performance.now() - started;

    expect(refusals(result)).toEqual(expected);
    expect(result.rows).toHaveLength(5000 - Object.keys(bad).length);
    expect(result.refused.find((r) => r.code === 'duplicate_in_file')).toMatchObject({
      field: 'CI',
      message: expect.stringContaining('line 2'),
    });
    expect(result.refused.find((r) => r.code === 'bad_phone')?.message).toContain('"123"');
    expect(result.rows.at(-1)).toMatchObject({ line: 5003, name: 'Cliente 5000', serviceNumber: '4005000' });
    // Generous bound for a shared machine; it takes a small fraction of this.
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('parsePortfolio: the same customer twice', () => {
  it('refuses a later row with the CI or service number of an earlier one, however it was typed', async () => {
    const result = await parsePortfolio(
      csv(
        'Nombre,CI,Servicio\nAna,1234567 LP,4412345\nAna bis,1234567lp,\nLuis,7654321,441 2345\nEva,,\nPia,2345678,4400001\n',
      ),
    );
    expect(result.rows.map((r) => r.name)).toEqual(['Ana', 'Pia']);
    expect(result.refused).toMatchObject([
      { line: 3, code: 'duplicate_in_file', field: 'CI' },
      { line: 4, code: 'duplicate_in_file', field: 'Servicio' },
      { line: 5, code: 'no_identifier' },
    ]);
  });
});

describe('parsePortfolio: columns', () => {
  it('maps Spanish and English headers whatever their case, accents and punctuation', async () => {
    const spanish = await parsePortfolio(
      csv('NOMBRE COMPLETO;CÉDULA;TELÉFONO;Móvil;Línea;DOMICILIO\nAna;1234567;;;;\n'),
    );
    expect(spanish.columns.map((c) => c.field)).toEqual([
      'name',
      'nationalId',
      'phones',
      'phones',
      'serviceNumber',
      'address',
    ]);
    const english = await parsePortfolio(
      csv(
        'Customer,National ID,Mobile,Phone 2,Service number,Address,Nro. Documento Garante\nAna,1234567,,,,,\n',
      ),
    );
    expect(english.columns.map((c) => c.field)).toEqual([
      'name',
      'nationalId',
      'phones',
      'phones',
      'serviceNumber',
      'address',
      'attribute',
    ]);
  });

  it('keeps every other named column as an attribute, trimmed, leaving out empty cells', async () => {
    const result = await parsePortfolio(
      csv('Cliente,Celular, Tecnología ,Plan actual,,Vendedor\nAna,71234567,  Fibra ,,ignored,  \n'),
    );
    expect(result.rows[0].attributes).toEqual({ Tecnología: 'Fibra' });
    expect(result.columns.map((c) => c.header)).toEqual([
      'Cliente',
      'Celular',
      'Tecnología',
      'Plan actual',
      'Vendedor',
    ]);
  });

  it('reads several numbers in one phone cell, and refuses the row naming a bad one', async () => {
    const result = await parsePortfolio(
      csv('Nombre;Teléfonos\nAna;"71234567 / 4 4412345, +591 72000001"\nLuis;71234567 / 12345\n'),
    );
    expect(result.rows[0].phones).toEqual(['+59171234567', '+59144412345', '+59172000001']);
    expect(result.refused).toEqual([
      { line: 3, code: 'bad_phone', field: 'Teléfonos', message: 'Teléfonos: "12345" is not a phone number' },
    ]);
  });

  it('reads the e-mail column in lower case, for the terms mailed after installation, and refuses a bad one', async () => {
    const result = await parsePortfolio(
      csv(
        'Nombre;CI;Correo electrónico\nAna;4123456;Ana.Paz@Cliente.example\nLuis;4123457;luis en casa\nEva;4123458;\n',
      ),
    );
    expect(result.columns.find((c) => c.header === 'Correo electrónico')?.field).toBe('email');
    expect(result.rows.map((r) => [r.name, r.email])).toEqual([
      ['Ana', 'ana.paz@cliente.example'],
      ['Eva', null],
    ]);
    expect(result.refused).toEqual([
      {
        line: 3,
        code: 'bad_email',
        field: 'Correo electrónico',
        message: 'Correo electrónico: "luis en casa" is not an e-mail address',
      },
    ]);
  });

  it('refuses a file with no name column, or no CI, phone or service number column', async () => {
    const noName = parsePortfolio(csv('CI,Celular\n1234567,71234567\n'));
    await expect(noName).rejects.toBeInstanceOf(AppError);
    await expect(noName).rejects.toMatchObject({
      code: 'validation_failed',
      details: { field: 'file', missing: ['name'] },
    });
    await expect(parsePortfolio(csv('Nombre;Ciudad\nAna;La Paz\n'))).rejects.toMatchObject({
      code: 'validation_failed',
      details: { field: 'file', missing: ['nationalId|phones|serviceNumber'] },
    });
    await expect(parsePortfolio(csv('Nombre;Cliente;CI\nAna;Ana R;1234567\n'))).rejects.toMatchObject({
      code: 'validation_failed',
      details: { duplicate: ['Nombre', 'Cliente'] },
    });
  });

  it('refuses an empty file, a header alone, and more rows than allowed', async () => {
    for (const text of ['', '\r\n\r\n', 'Nombre;CI\r\n\r\n']) {
      await expect(parsePortfolio(csv(text))).rejects.toMatchObject({ code: 'validation_failed' });
    }
    await expect(
      parsePortfolio(csv('Nombre;CI\nA;1234561\nB;1234562\nC;1234563\n'), { maxRows: 2 }),
    ).rejects.toMatchObject({ code: 'validation_failed', details: { rows: 3, maxRows: 2 } });
  });
});
