// Every account starts with the forms of the procedures the hub knows (today the 109 top-up, seed 000).
// Made the first time the account's forms are asked for, once: a seeded form the admin edited or
// deactivated stays as they left it, and two nodes asking at once make one (the unique key decides).
import { and, eq } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { forms, formVersions } from '#server/db/forms-schema.ts';
import {
  recarga109,
  recarga109Description,
  recarga109Key,
  recarga109Name,
} from '#shared/forms/recarga-109.ts';

const seeds = [
  { key: recarga109Key, name: recarga109Name, description: recarga109Description, definition: recarga109 },
];

export async function ensureSeedForms(db: Db, accountId: number): Promise<void> {
  for (const seed of seeds) {
    const [there] = await db
      .select({ id: forms.id })
      .from(forms)
      .where(and(eq(forms.accountId, accountId), eq(forms.key, seed.key)));
    if (there) continue;
    await db.transaction(async (tx) => {
      const [made] = await tx
        .insert(forms)
        .values({
          accountId,
          key: seed.key,
          name: seed.name,
          description: seed.description,
          fields: seed.definition.fields,
          observation: seed.definition.observation,
          locale: seed.definition.locale,
        })
        .onConflictDoNothing({ target: [forms.accountId, forms.key] })
        .returning();
      if (!made) return;
      await tx.insert(formVersions).values({
        accountId,
        formId: made.id,
        version: made.version,
        definition: {
          name: made.name,
          description: made.description,
          fields: made.fields,
          observation: made.observation,
          locale: made.locale,
          active: made.active,
        },
      });
    });
  }
}
