// Builds the agent console (agent-console/, Vite + React) into dist/console and reports the JavaScript the
// first load downloads, gzipped, against its 250 KB budget (refused when over). `npm run build:console`;
// also run before `npm start` and `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
export const consoleDist = process.env.CONSOLE_DIST_DIR ?? join(root, 'dist', 'console');
const BUDGET = 250 * 1024;

export async function buildConsole(opts: { quiet?: boolean } = {}): Promise<{ js: number; css: number }> {
  // A production build even from a test run (vitest sets NODE_ENV=test, which would bundle dev React).
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(root, 'agent-console', 'vite.config.ts'),
      mode: 'production',
      logLevel: opts.quiet ? 'silent' : 'warn',
    });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
  // What index.html loads up front: its module script and the chunks and styles it links.
  const html = readFileSync(join(consoleDist, 'index.html'), 'utf8');
  const linked = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  const size = (f: string) => gzipSync(readFileSync(join(consoleDist, f))).length;
  const js = linked.filter((f) => f.endsWith('.js')).reduce((n, f) => n + size(f), 0);
  const css = linked.filter((f) => f.endsWith('.css')).reduce((n, f) => n + size(f), 0);
  const all = readdirSync(join(consoleDist, 'assets')).length;
  if (!opts.quiet) {
    console.log(`  console: first-load JS ${js} B gzip (budget ${BUDGET}), CSS ${css} B gzip, ${all} assets`);
  }
  if (js > BUDGET)
    throw new Error(`the console's first-load JS is ${js} B gzipped, over the ${BUDGET} B budget`);
  return { js, css };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  await buildConsole();
}
