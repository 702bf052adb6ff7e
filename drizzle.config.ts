import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './server/db/schema.ts',
    './server/db/sales-schema.ts',
    './server/db/quality-schema.ts',
    './server/db/forms-schema.ts',
    './server/db/followup-schema.ts',
  ],
  out: './server/db/migrations',
});
