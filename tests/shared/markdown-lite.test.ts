// The e-mail reply formatting (shared/markdown-lite.ts): what each mark becomes, and that nothing typed
// ever becomes markup of its own.
import { describe, expect, it } from 'vitest';
import { markdownLiteToHtml as md } from '#shared/markdown-lite.ts';

describe('markdown-lite', () => {
  it('turns paragraphs, line breaks and inline marks into HTML', () => {
    expect(md('Hola **Ana**,\nsu _recarga_ está *lista*.\n\nSaludos')).toBe(
      '<p>Hola <strong>Ana</strong>,<br>su <em>recarga</em> está <em>lista</em>.</p><p>Saludos</p>',
    );
    expect(md('Use `*123#` to check')).toBe('<p>Use <code>*123#</code> to check</p>');
  });

  it('makes lists and quotes from their line prefixes', () => {
    expect(md('Requisitos:\n- CI vigente\n- carta firmada\n\n1. envíe\n2) espere')).toBe(
      '<p>Requisitos:</p><ul><li>CI vigente</li><li>carta firmada</li></ul><ol><li>envíe</li><li>espere</li></ol>',
    );
    expect(md('> escribió el cliente\n> segunda línea\nrespuesta')).toBe(
      '<blockquote>escribió el cliente<br>segunda línea</blockquote><p>respuesta</p>',
    );
  });

  it('links http(s) and mailto only, and leaves snake_case and lone marks alone', () => {
    expect(md('[portal](https://acme.example/a?x=1&y=2) y https://acme.example/b.')).toBe(
      '<p><a href="https://acme.example/a?x=1&amp;y=2">portal</a> y <a href="https://acme.example/b">https://acme.example/b</a>.</p>',
    );
    expect(md('[click](javascript:alert(1))')).toBe('<p>[click](javascript:alert(1))</p>');
    expect(md('service_number y 2 * 3 * 4')).toBe('<p>service_number y 2 * 3 * 4</p>');
  });

  it('escapes every bit of HTML the text carries', () => {
    expect(md('<img src=x onerror=alert(1)> & "q"')).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;</p>',
    );
    expect(md('[x](https://a.example/"onmouseover=1)')).not.toContain('"onmouseover');
    expect(md('')).toBe('');
    expect(md('\n\n')).toBe('');
  });
});
