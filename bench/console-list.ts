// The console's conversation list with 10,000 open conversations, in Debian's headless Chromium against a
// hub as `npm start` runs it.
//   - API: a page of GET /conversations (50 rows, keyset cursor) at the top and at the bottom of the
//     list, against the bare keyset SELECT of the same 50 rows on the same database (the baseline).
//   - Browser: time to the first rows after logging in; scrolling to the end (the list fetches each next
//     page as its end comes into view) until all 10,000 are loaded; the most rows ever in the DOM; and
//     frame intervals while scrolling through the loaded list against the idle frame interval measured
//     on the same page just before (a ratio near 1 = no dropped frames).
// Usage: npx tsx bench/console-list.ts [pglite|postgres|both]   (BENCH_LIST_ROWS, default 10000)
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { contacts, conversations } from '#server/db/schema.ts';
import { launchChromium } from '#tests/e2e/helpers.ts';
import { client, seedAccount } from '#tests/helpers/hub.ts';
import { buildConsole } from '../scripts/build-console.ts';
import { baselineRunner, type Engine, envInt, loadavg, startBenchHub, stats, table } from './lib.ts';

const ROWS = envInt('BENCH_LIST_ROWS', 10_000);
const PAGE = 50;
const REPEAT = envInt('BENCH_LIST_REPEAT', 30);

async function runEngine(engine: Engine): Promise<string[]> {
  const t = await startBenchHub(engine);
  const browser = await launchChromium();
  try {
    const { db } = t.hub.ctx;
    const account = await seedAccount(t, 'List bench');
    const inbox = await account.apiInbox();
    const now = Date.now();
    for (let from = 0; from < ROWS; from += 1000) {
      const n = Math.min(1000, ROWS - from);
      const people = await db
        .insert(contacts)
        .values(
          Array.from({ length: n }, (_, i) => ({
            accountId: account.accountId,
            name: `Cliente ${from + i}`,
          })),
        )
        .returning({ id: contacts.id });
      await db.insert(conversations).values(
        people.map((c, i) => ({
          accountId: account.accountId,
          inboxId: Number(inbox.id),
          contactId: c.id,
          threadKey: `list:${from + i}`,
          subject: `Consulta ${from + i}`,
          priority: (['low', 'normal', 'normal', 'high', 'urgent'] as const)[(from + i) % 5],
          lastActivityAt: new Date(now - (from + i) * 1000),
        })),
      );
    }
    await db.execute(sql`analyze`);
    const runner = await baselineRunner(t);
    console.log(`\n${engine}: ${runner.server}; ${ROWS} conversations; load avg ${loadavg()}`);

    // API pages against the bare keyset SELECT of the same rows.
    const api = client(t.url, account.adminToken);
    const cursors: string[] = [];
    let cursor: string | null = null;
    const walk0 = performance.now();
    let walked = 0;
    do {
      const r = (await api.get(
        `/conversations?status=open&limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`,
      )) as { body: { data: unknown[]; nextCursor: string | null } };
      walked += r.body.data.length;
      cursor = r.body.nextCursor;
      if (cursor) cursors.push(cursor);
    } while (cursor);
    const walkMs = performance.now() - walk0;
    if (walked !== ROWS) throw new Error(`the API walk gave ${walked} of ${ROWS} conversations`);
    const timeApi = async (after: string | null) => {
      const ms: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        const t0 = performance.now();
        await api.get(`/conversations?status=open&limit=${PAGE}${after ? `&cursor=${after}` : ''}`);
        ms.push(performance.now() - t0);
      }
      return stats(ms).p50;
    };
    const lastCursor = cursors.at(-2) ?? null;
    const topApi = await timeApi(null);
    const bottomApi = await timeApi(lastCursor);
    const bare = async (deep: boolean) => {
      const ms: number[] = [];
      const [edge] = (
        (await runner.run(
          `select last_activity_at, id from conversations where account_id = $1 order by last_activity_at desc, id desc offset $2 limit 1`,
          [account.accountId, deep ? ROWS - 2 * PAGE : 0],
        )) as { rows: { last_activity_at: Date; id: string }[] }
      ).rows;
      for (let i = 0; i < REPEAT; i++) {
        const t0 = performance.now();
        await runner.run(
          `select * from conversations where account_id = $1 and status = 'open'
             and (last_activity_at, id) < ($2, $3) order by last_activity_at desc, id desc limit ${PAGE}`,
          [account.accountId, edge.last_activity_at, edge.id],
        );
        ms.push(performance.now() - t0);
      }
      return stats(ms).p50;
    };
    const topBare = await bare(false);
    const bottomBare = await bare(true);
    await runner.close();

    // The browser.
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(t.url);
    await page.fill('input[type=email]', account.admin.email);
    await page.fill('input[type=password]', 'correct horse battery');
    const login0 = performance.now();
    await page.click('button.primary');
    await page.getByRole('tab', { name: 'All' }).click();
    await page.locator('[data-testid=conversation-list] li.row').first().waitFor();
    const firstRowsMs = performance.now() - login0;

    const list = page.locator('[data-testid=conversation-list]');
    const loadedHeight = () => list.evaluate((el) => (el.firstElementChild as HTMLElement).offsetHeight);
    const full = ROWS * 64;
    let maxInDom = 0;
    const scroll0 = performance.now();
    for (let stalls = 0; (await loadedHeight()) < full && stalls < 200; ) {
      const before = await loadedHeight();
      await list.evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      maxInDom = Math.max(maxInDom, await page.locator('li.row').count());
      try {
        await page.waitForFunction(
          ([h]) =>
            (document.querySelector('[data-testid=conversation-list] ul') as HTMLElement).offsetHeight > h,
          [before],
          { timeout: 5000 },
        );
      } catch {
        stalls++;
      }
    }
    const scrollAllMs = performance.now() - scroll0;
    const loaded = (await loadedHeight()) / 64;
    if (loaded !== ROWS) throw new Error(`the console loaded ${loaded} of ${ROWS} conversations`);

    // Frame intervals: idle, then scrolling 300 px per frame back up through the loaded list.
    // A string, not a function: tsx's name-keeping helpers do not exist in the page.
    const frames = (await page.evaluate(`(async () => {
      const el = document.querySelector('[data-testid=conversation-list]');
      const measure = (n, step) => new Promise((resolve) => {
        const out = [];
        let last = performance.now();
        let i = 0;
        const tick = (now) => {
          out.push(now - last);
          last = now;
          step(i);
          if (++i < n) requestAnimationFrame(tick);
          else resolve(out.slice(1));
        };
        requestAnimationFrame(tick);
      });
      const idle = await measure(120, () => {});
      const rows = [];
      const moving = await measure(240, (i) => {
        el.scrollTop = Math.max(0, el.scrollHeight - (i + 1) * 300);
        rows.push(document.querySelectorAll('[data-testid=conversation-list] li.row').length);
      });
      return { idle, moving, rows: Math.max(...rows) };
    })()`)) as { idle: number[]; moving: number[]; rows: number };
    maxInDom = Math.max(maxInDom, frames.rows);
    const idle = stats(frames.idle);
    const moving = stats(frames.moving);
    console.log(
      `  API page p50: top ${topApi.toFixed(1)} ms (bare SELECT ${topBare.toFixed(2)} ms), bottom ${bottomApi.toFixed(1)} ms (bare ${bottomBare.toFixed(2)} ms); whole walk ${(walkMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `  browser: first rows ${firstRowsMs.toFixed(0)} ms after login; all ${ROWS} loaded by scrolling in ${(scrollAllMs / 1000).toFixed(1)} s; at most ${maxInDom} rows in the DOM`,
    );
    console.log(
      `  frames idle p50/p95 ${idle.p50.toFixed(1)}/${idle.p95.toFixed(1)} ms, scrolling p50/p95/max ${moving.p50.toFixed(1)}/${moving.p95.toFixed(1)}/${moving.max.toFixed(1)} ms`,
    );
    return [
      engine,
      topApi.toFixed(1),
      (topApi / topBare).toFixed(1),
      bottomApi.toFixed(1),
      (bottomApi / bottomBare).toFixed(1),
      (scrollAllMs / 1000).toFixed(1),
      String(maxInDom),
      (moving.p95 / idle.p95).toFixed(2),
    ];
  } finally {
    await browser.close();
    await t.destroy();
  }
}

await buildConsole({ quiet: true });
const which = process.argv[2] ?? 'both';
const engines: Engine[] = which === 'both' ? ['pglite', 'postgres'] : [which as Engine];
const rows: string[][] = [];
for (const e of engines) rows.push(await runEngine(e));
console.log(
  `\n${table(['engine', 'API top ms', '÷ bare SELECT', 'API bottom ms', '÷ bare SELECT', 'load all s', 'max DOM rows', 'scroll p95 ÷ idle p95'], rows)}`,
);
process.exit(0);
