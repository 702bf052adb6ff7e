// Once per test run: the widget bundle (dist/widget, which the hubs serve and the browser specs load), and
// an initialised PGlite data directory with our migrations and the queue schema, saved as a tarball. Each
// test hub starts from a copy instead of running initdb again (seconds each).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import PgBoss from 'pg-boss';
import { buildConsole } from '../scripts/build-console.ts';
import { buildWidget } from '../scripts/build-widget.ts';
import { pgliteExtensions } from '../server/db/client.ts';

export const templatePath = join(import.meta.dirname, '.tmp', 'pglite-template.tar');

export default async function setup(): Promise<void> {
  await buildWidget({ quiet: true });
  await buildConsole({ quiet: true });
  if (process.env.TEST_DATABASE_URL) return;
  const client = await PGlite.create('memory://', { extensions: pgliteExtensions });
  await migrate(drizzle(client), {
    migrationsFolder: join(import.meta.dirname, '..', 'server', 'db', 'migrations'),
  });
  const boss = new PgBoss({
    schema: 'pgboss',
    db: {
      executeSql: async (text: string, values: unknown[]) => {
        if (values?.length) return client.query(text, values);
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      },
    },
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.stop({ graceful: false, close: false });
  const dump = await client.dumpDataDir('none');
  mkdirSync(join(import.meta.dirname, '.tmp'), { recursive: true });
  // Written aside and renamed: a test run started meanwhile never reads half a template.
  const tmp = `${templatePath}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, templatePath);
  await client.close();
}
