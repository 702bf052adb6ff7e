// A sale's registration as stored in sales.registration (the draft the advisor types, steps 7–9) and the
// two checks it must pass against the account's settings: the installation address in the format of
// Annex 1, and the observations as one of the glosses of Annex 2 with every blank filled. The CRM order
// number lives in its own column, sales.crm_order; the rest in the jsonb.
import type { Sale } from '#server/db/sales-schema.ts';
import { AppError } from '#server/errors.ts';
import { type AddressFormat, checkAddress } from '#shared/sales/address-format.ts';
import { fillGloss, type Gloss } from '#shared/sales/glosses.ts';
import { type RegistrationJson, registrationJson } from '#shared/sales-settings.schema.ts';

export type StoredRegistration = Omit<RegistrationJson, 'crmOrder'>;

const empty: StoredRegistration = {
  requestType: null,
  billingAddress: null,
  billingCycle: null,
  category: null,
  subcategory: null,
  plan: null,
  components: null,
  installationAddress: null,
  gloss: null,
  observations: null,
};

/** The stored draft, field by field: a field that does not read (written by an older version) is unset. */
export function registrationOf(sale: Pick<Sale, 'registration'>): StoredRegistration {
  const raw = sale.registration ?? {};
  const out: StoredRegistration = { ...empty };
  for (const key of Object.keys(empty) as (keyof StoredRegistration)[]) {
    const one = registrationJson.shape[key].safeParse(raw[key] ?? null);
    if (one.success) Object.assign(out, { [key]: one.data });
  }
  return out;
}

export function registrationToJson(sale: Pick<Sale, 'registration' | 'crmOrder'>): RegistrationJson {
  return { ...registrationOf(sale), crmOrder: sale.crmOrder };
}

/** The address as the CRM takes it, or a 400 the console shows under the field with a correct example. */
export function installationAddress(raw: string, format: AddressFormat): string {
  const check = checkAddress(raw, format);
  if (check.ok) return check.normalized;
  throw new AppError('validation_failed', `installationAddress: ${check.message}`, {
    details: {
      field: 'installationAddress',
      problem: check.problem,
      message: check.message,
      example: check.example,
      normalized: check.normalized,
    },
  });
}

/** The gloss filled with the advisor's values: the observations text, or a 400 naming the empty blanks. */
export function observations(
  gloss: { key: string; values: Record<string, string> },
  glosses: Gloss[],
): string {
  const template = glosses.find((g) => g.key === gloss.key);
  if (!template) {
    throw new AppError('validation_failed', `gloss: the account has no gloss "${gloss.key}"`, {
      details: { field: 'gloss.key', glosses: glosses.map((g) => g.key) },
    });
  }
  const filled = fillGloss(template.text, gloss.values);
  if (filled.ok) return filled.text;
  throw new AppError('validation_failed', `gloss: fill ${filled.missing.join(', ')}`, {
    details: { field: 'gloss.values', key: gloss.key, missing: filled.missing },
  });
}

/** The plan must be one of the account's, when it lists any (named as the account spells it). */
export function commercialPlan(plan: string, plans: { name: string }[]): string {
  if (plans.length === 0) return plan;
  const found = plans.find((p) => p.name.toUpperCase() === plan.toUpperCase());
  if (found) return found.name;
  throw new AppError('validation_failed', `plan: the account offers no plan "${plan}"`, {
    details: { field: 'plan', plans: plans.map((p) => p.name) },
  });
}
