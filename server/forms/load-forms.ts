// The account's forms: an agent is offered the active ones; the people who define them see all. A form of
// another account does not exist for the caller (404).
import { and, asc, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import type { Db, Tx } from '#server/db/client.ts';
import { type Form, forms } from '#server/db/forms-schema.ts';
import { AppError } from '#server/errors.ts';
import { ensureSeedForms } from './seed-forms.ts';

export const formKeepers = ['admin', 'supervisor'] as const;

export async function listForms(
  ctx: HubContext,
  auth: Auth,
  q: { active?: 'true' | 'false' },
): Promise<Form[]> {
  await ensureSeedForms(ctx.db, auth.accountId);
  const active = auth.user.role === 'agent' ? true : q.active === undefined ? undefined : q.active === 'true';
  return ctx.db
    .select()
    .from(forms)
    .where(
      and(eq(forms.accountId, auth.accountId), active === undefined ? undefined : eq(forms.active, active)),
    )
    .orderBy(asc(forms.id));
}

export async function loadForm(
  ctx: HubContext,
  auth: Auth,
  id: number,
  opts: { tx?: Db | Tx; lock?: 'update' | 'share' } = {},
): Promise<Form> {
  // No seeding here: a form's id comes from the list, which seeded it.
  const q = (opts.tx ?? ctx.db)
    .select()
    .from(forms)
    .where(and(eq(forms.id, id), eq(forms.accountId, auth.accountId)));
  const [form] = opts.lock ? await q.for(opts.lock) : await q;
  if (!form) throw new AppError('not_found', `no form ${id}`);
  return form;
}
