// An admin or supervisor defines a form, or replaces its definition: the body was checked whole at the
// edge (shared/forms.schema.ts). Each save is a new version kept with who saved it and when; responses
// keep the version they answered.
import { eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Form, forms, formVersions } from '#server/db/forms-schema.ts';
import type { CreateFormBody, UpdateFormBody } from '#shared/forms.schema.ts';
import { loadForm } from './load-forms.ts';

export async function createForm(ctx: HubContext, auth: Auth, body: CreateFormBody): Promise<Form> {
  return ctx.db.transaction(async (tx) => {
    const [form] = await tx
      .insert(forms)
      .values({
        accountId: auth.accountId,
        key: body.key,
        ...definitionOf(body),
        createdById: auth.user.id,
        updatedById: auth.user.id,
      })
      .returning();
    await keepVersion(tx, form, auth.user.id);
    return form;
  });
}

export async function updateForm(
  ctx: HubContext,
  auth: Auth,
  id: number,
  body: UpdateFormBody,
): Promise<Form> {
  return ctx.db.transaction(async (tx) => {
    const current = await loadForm(ctx, auth, id, { tx, lock: 'update' });
    const [form] = await tx
      .update(forms)
      .set({
        ...definitionOf(body),
        version: current.version + 1,
        updatedById: auth.user.id,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(forms.id, current.id))
      .returning();
    await keepVersion(tx, form, auth.user.id);
    return form;
  });
}

const definitionOf = (b: UpdateFormBody) => ({
  name: b.name,
  description: b.description ?? null,
  fields: b.fields,
  observation: b.observation || null,
  locale: b.locale,
  active: b.active,
});

async function keepVersion(tx: Tx, form: Form, userId: number): Promise<void> {
  await tx.insert(formVersions).values({
    accountId: form.accountId,
    formId: form.id,
    version: form.version,
    definition: {
      name: form.name,
      description: form.description,
      fields: form.fields,
      observation: form.observation,
      locale: form.locale,
      active: form.active,
    },
    savedById: userId,
  });
}
