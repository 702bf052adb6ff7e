// Bundles the widget: the loader (dist/widget/widget.js) and the chat app (app.js + app.css) with esbuild,
// minified, and refuses the result when it is over budget — 3 KB gzipped for the loader every page of a
// customer's site downloads, 30 KB gzipped for the app with socket.io-client. `npm run build:widget`;
// also run before `npm start` and `npm test`, and by the hub itself when dist/widget is missing.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
export const widgetDist = join(root, 'dist', 'widget');
const budget = { loader: 3 * 1024, app: 30 * 1024 };

export type WidgetBuild = { version: string; sizes: { file: string; raw: number; gzip: number }[] };

export async function buildWidget(opts: { quiet?: boolean } = {}): Promise<WidgetBuild> {
  const common = {
    bundle: true,
    minify: true,
    write: false,
    target: 'es2020',
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  } as const;
  const [loader, app] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'widget/src/loader.ts')],
      format: 'iife',
      platform: 'browser',
    }),
    build({
      ...common,
      entryPoints: [join(root, 'widget/src/app/main.tsx'), join(root, 'widget/src/app/styles.css')],
      outdir: 'out',
      format: 'iife',
      platform: 'browser',
      jsx: 'automatic',
      jsxImportSource: 'preact',
    }),
  ]);
  const files: Record<string, Uint8Array> = { 'widget.js': loader.outputFiles[0].contents };
  for (const f of app.outputFiles) files[f.path.endsWith('.css') ? 'app.css' : 'app.js'] = f.contents;

  const sizes = Object.entries(files).map(([file, bytes]) => ({
    file,
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
  }));
  const gz = (names: string[]) => sizes.filter((s) => names.includes(s.file)).reduce((n, s) => n + s.gzip, 0);
  const version = createHash('sha256')
    .update(Buffer.concat(Object.values(files)))
    .digest('hex')
    .slice(0, 12);
  if (!opts.quiet) {
    for (const s of sizes)
      console.log(
        `  ${s.file.padEnd(10)} ${String(s.raw).padStart(7)} B raw  ${String(s.gzip).padStart(6)} B gzip`,
      );
    console.log(
      `  loader ${gz(['widget.js'])} / ${budget.loader} B gzip; app ${gz(['app.js', 'app.css'])} / ${budget.app} B gzip`,
    );
  }
  if (gz(['widget.js']) > budget.loader)
    throw new Error(`widget.js is ${gz(['widget.js'])} B gzipped, over its ${budget.loader} B budget`);
  if (gz(['app.js', 'app.css']) > budget.app)
    throw new Error(
      `the widget app is ${gz(['app.js', 'app.css'])} B gzipped, over its ${budget.app} B budget`,
    );

  // Written aside and swapped in whole: a hub serving dist/widget never sees half a build.
  const tmp = `${widgetDist}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(tmp, name), bytes);
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify({ version, sizes }, null, 2));
  rmSync(widgetDist, { recursive: true, force: true });
  mkdirSync(join(widgetDist, '..'), { recursive: true });
  renameSync(tmp, widgetDist);
  return { version, sizes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildWidget().catch((err: unknown) => {
    console.error(`widget build failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
