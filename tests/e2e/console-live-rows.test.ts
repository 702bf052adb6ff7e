// What an agent sees without reloading, in a real Chromium: a conversation handed to her while her inbox
// is open (reassigned by a supervisor, transferred by a colleague) lists with its customer's name and the
// last thing said, as the row of a fresh list does; a conversation opened by its link or a reload sits at
// its newest message, an image that loads after the first paint included. Screenshots land in
// tests/.tmp/e2e/console-live-rows-*.png.
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundAttachment } from '#shared/channels.ts';
import {
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page;
let inbox: { id: string; token: string };
const people: Record<string, { id: string; email: string; token: string }> = {};
const pageErrors: string[] = [];

/** A w×h PNG of one colour: big enough that the timeline grows when it loads. */
function solidPng(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, Buffer.from([0x3b, 0x82, 0xf6]))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: h }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  for (const [key, name] of [
    ['rosa', 'Rosa Quispe'],
    ['beto', 'Beto Mamani'],
  ] as const) {
    const u = await account.user('agent', name);
    people[key] = { id: String(u.user.id), email: u.user.email, token: u.token };
  }
  inbox = await account.apiInbox();
  browser = await launchChromium();
  page = await consolePage(browser, { viewport: { width: 1400, height: 850 }, errors: pageErrors });
  await logInConsole(page, t.url, people.rosa.email);
});
afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

/** A customer's conversation, unassigned, whose last word is `text`. */
async function customerWrites(n: number, name: string, text: string): Promise<string> {
  const r = await incoming(t.url, inbox, {
    externalId: `live-${n}`,
    contact: { externalId: `live-contact-${n}`, name },
    text,
  });
  expect(r.status).toBe(201);
  return r.body.data.conversation.id;
}

const row = (id: string) => page.locator(`[data-testid=conversation-list] li.row[data-id="${id}"]`);
/** The row as the agent reads it: the title line and the preview line. */
const rowText = (id: string) =>
  row(id)
    .locator('.line')
    .evaluateAll((lines) => lines.map((l) => (l.textContent ?? '').replace(/\s+/g, ' ').trim()));

/** The row that arrived live reads as the same row loaded by the list's own request after a reload. */
async function sameAfterReload(id: string) {
  const live = await rowText(id);
  await page.reload();
  await row(id).waitFor();
  expect(await rowText(id)).toEqual(live);
}

describe('rows that arrive while the inbox is open', () => {
  it('lists a conversation reassigned to the agent with its customer and last message', async () => {
    await page.goto(`${t.url}/`);
    await page.getByRole('tab', { name: 'Mine' }).waitFor();
    const id = await customerWrites(1, 'Lucía Vargas', 'Quiero cambiar mi plan a uno más barato');
    const assigned = await client(t.url, account.adminToken).post(`/conversations/${id}/assign`, {
      assigneeId: people.rosa.id,
    });
    expect(assigned.status).toBe(200);

    await row(id).waitFor();
    await expect
      .poll(() => rowText(id))
      .toEqual([expect.stringContaining(`Lucía Vargas #${id}`), 'Quiero cambiar mi plan a uno más barato']);
    await page.screenshot({ path: join(shots, 'console-live-rows-1-reassigned.png') });
    await sameAfterReload(id);
  });

  it('lists a conversation a colleague transferred, its preview the customer’s words and not the note', async () => {
    const id = await customerWrites(2, 'Jorge Condori', 'El router parpadea en rojo');
    const held = await client(t.url, account.adminToken).post(`/conversations/${id}/assign`, {
      assigneeId: people.beto.id,
    });
    expect(held.status).toBe(200);
    await page.goto(`${t.url}/`);
    await page.locator('[data-testid=conversation-list] li.row').first().waitFor();
    await expect(row(id).count()).resolves.toBe(0);
    const moved = await client(t.url, people.beto.token).post(`/conversations/${id}/transfer`, {
      assigneeId: people.rosa.id,
      note: 'Ya reinició el equipo dos veces',
    });
    expect(moved.status).toBe(200);

    await row(id).waitFor();
    await expect
      .poll(() => rowText(id))
      .toEqual([expect.stringContaining(`Jorge Condori #${id}`), 'El router parpadea en rojo']);
    await page.screenshot({ path: join(shots, 'console-live-rows-2-transferred.png') });
    await sameAfterReload(id);
  });
});

describe('a conversation opened by its link', () => {
  /** Whether the timeline is scrolled to its bottom with the newest message's image loaded and in view. */
  const atNewest = () =>
    page.evaluate(() => {
      const timeline = document.querySelector<HTMLElement>('.conversation .timeline');
      const img = [...(timeline?.querySelectorAll<HTMLImageElement>('.msg img') ?? [])].at(-1);
      if (!timeline || !img?.complete || !img.naturalWidth) return 'image not loaded yet';
      const box = timeline.getBoundingClientRect();
      const pic = img.getBoundingClientRect();
      return {
        atBottom: timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight <= 1,
        imageInView: pic.top >= box.top && pic.bottom <= box.bottom,
      };
    });

  it('opens at the newest message, an image loaded after the first render included', async () => {
    const inboxId = Number(inbox.id);
    const running = t.hub.ctx.channels.get(inboxId)!;
    const say = (n: number, text: string, attachments: InboundAttachment[] = []) =>
      t.hub.ingestor.ingest(running.inbox, {
        channel: 'api',
        inboxId,
        externalId: `long-${n}`,
        threadKey: 'long-thread',
        sender: { externalId: 'marta', name: 'Marta Flores' },
        text,
        attachments,
      });
    // Far more than a screen of messages, the newest a photo that adds its height when it loads.
    for (let n = 1; n <= 30; n++) await say(n, `Mensaje número ${n} sobre la factura de octubre`);
    const { conversation } = await say(31, 'Adjunto la foto de la factura', [
      { data: solidPng(320, 240), name: 'factura.png', mime: 'image/png' },
    ]);
    const id = String(conversation.id);
    const assigned = await client(t.url, account.adminToken).post(`/conversations/${id}/assign`, {
      assigneeId: people.rosa.id,
    });
    expect(assigned.status).toBe(200);
    const opened = { atBottom: true, imageInView: true };

    // A deep link: the whole console loads with this conversation open.
    await page.goto(`${t.url}/conversations/${id}`);
    await expect.poll(atNewest, { timeout: 10_000 }).toEqual(opened);
    await page.screenshot({ path: join(shots, 'console-live-rows-3-deep-link.png') });
    // And again after a reload.
    await page.reload();
    await expect.poll(atNewest, { timeout: 10_000 }).toEqual(opened);
    await page.screenshot({ path: join(shots, 'console-live-rows-4-reload.png') });
  });
});
