// The REST API's reference in a real Chromium: /api/docs opened in a browser is a readable page (Swagger UI
// served by the hub itself, under its Content-Security-Policy with not one violation), listing the
// hub's operations by tag and opening one with its parameters; a program asking /api/docs still gets the
// OpenAPI JSON, which also has its own address. Screenshot: /tmp/api-docs.png.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { launchChromium } from './helpers.ts';

let t: TestHub;
let browser: Browser;

beforeAll(async () => {
  t = await startTestHub();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

describe('the API reference', () => {
  it('gives programs the OpenAPI JSON at /api/docs and at /api/openapi.json', async () => {
    for (const [path, accept] of [
      ['/api/docs', 'application/json'],
      ['/api/docs', '*/*'],
      ['/api/openapi.json', 'text/html'],
    ] as const) {
      const res = await fetch(`${t.url}${path}`, { headers: { accept } });
      expect(res.headers.get('content-type'), `${path} ${accept}`).toMatch(/^application\/json/);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toContain('/api/v1/campaigns/{id}/next');
    }
    expect((await fetch(`${t.url}/api/docs/assets/nothing-here.js`)).status).toBe(404);
  });

  it('shows people a readable reference, with no policy violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const res = await page.goto(`${t.url}/api/docs`);
    expect(res?.headers()['content-type']).toMatch(/^text\/html/);
    await expect
      .poll(() => page.locator('.swagger-ui .info .title').textContent())
      .toMatch(/^Omnichannel hub API/);
    const tags = await page.locator('.swagger-ui .opblock-tag').allTextContents();
    expect(tags.some((x) => x.startsWith('Sales desk'))).toBe(true);
    // Open one operation: its path, method and parameters.
    await page.locator('.swagger-ui .opblock-tag', { hasText: 'Sales desk' }).first().click();
    const op = page
      .locator('.swagger-ui .opblock')
      .filter({ has: page.locator('.opblock-summary-path[data-path="/api/v1/campaigns/{id}/next"]') });
    await op.locator('.opblock-summary').click();
    await expect.poll(() => op.locator('.parameters-container').textContent()).toContain('id');
    expect(await op.locator('.opblock-summary-method').textContent()).toBe('POST');
    await page.screenshot({ path: '/tmp/api-docs.png' });
    expect(problems).toEqual([]);
    await context.close();
  });
});
