// The e-mail composer's formatting buttons and address fields (agent-console/src/components/format-marks.ts).
import { describe, expect, it } from 'vitest';
import { applyMark, parseAddresses, replyCopies } from '../../agent-console/src/components/format-marks.ts';

describe('formatting buttons', () => {
  it('wraps the selection, keeps it selected, and unwraps on a second press', () => {
    const once = applyMark('su recarga llegó', 3, 10, 'bold');
    expect(once).toEqual({ text: 'su **recarga** llegó', start: 5, end: 12 });
    expect(applyMark(once.text, once.start, once.end, 'bold')).toEqual({
      text: 'su recarga llegó',
      start: 3,
      end: 10,
    });
    expect(applyMark('hola', 4, 4, 'italic')).toEqual({ text: 'hola__', start: 5, end: 5 });
  });

  it('prefixes every line the selection touches', () => {
    const text = 'Requisitos:\nCI vigente\ncarta firmada\nfin';
    const from = text.indexOf('CI');
    const to = text.indexOf('firmada') + 3;
    expect(applyMark(text, from, to, 'list').text).toBe('Requisitos:\n- CI vigente\n- carta firmada\nfin');
    expect(applyMark(text, from, to, 'numbered').text).toBe(
      'Requisitos:\n1. CI vigente\n2. carta firmada\nfin',
    );
    expect(applyMark('uno', 1, 1, 'quote')).toEqual({ text: '> uno', start: 0, end: 5 });
  });

  it('makes a link from the selection and selects the address to type', () => {
    const r = applyMark('vea el portal hoy', 7, 13, 'link');
    expect(r.text).toBe('vea el [portal](https://) hoy');
    expect(r.text.slice(r.start, r.end)).toBe('https://');
  });
});

describe('address fields', () => {
  it('splits on commas, semicolons and spaces, dedupes, and names what is not an address', () => {
    expect(parseAddresses('Ana@x.example; bo@y.example,  ana@x.example nope')).toEqual({
      addresses: ['ana@x.example', 'bo@y.example'],
      invalid: ['nope'],
    });
    expect(parseAddresses('  ')).toEqual({ addresses: [], invalid: [] });
  });
});

describe('reply copies', () => {
  it('offers whom the customer copied last, never the hub’s own addresses or the customer', () => {
    const inbound = (cc: string[], to = ['support@acme.example']) => ({
      direction: 'in',
      email: { from: 'ana@c.example', to, cc },
    });
    expect(
      replyCopies([
        inbound(['old@c.example']),
        { direction: 'out', email: { from: 'ventas@acme.example', to: ['ana@c.example'], cc: [] } },
        inbound(['Jefa@c.example', 'ventas@acme.example', 'ana@c.example', 'support@acme.example']),
      ]),
    ).toEqual(['jefa@c.example']);
    expect(replyCopies([{ direction: 'in' }])).toEqual([]);
    expect(replyCopies([])).toEqual([]);
  });
});
