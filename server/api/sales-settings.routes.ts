// The sales desk's settings (the seed's annexes as the account's admin edits them) and a sale's
// registration in the operator's CRM (steps 7–9): the draft the advisor saves as they type, the address
// checked as typed, and the final registration that starts the 24 h hand-over. Kept apart from
// sales.routes.ts, which holds the portfolio and the call.
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { advisorRoles, campaignReaders } from '#server/sales/campaign-access.ts';
import { saleJsonOf } from '#server/sales/list-sales.ts';
import { registerSale } from '#server/sales/register-sale.ts';
import { registrationToJson } from '#server/sales/registration-data.ts';
import { loadSalesSettings, salesSettingsToJson, updateSalesSettings } from '#server/sales/sales-settings.ts';
import { saveRegistration } from '#server/sales/save-registration.ts';
import { checkAddress } from '#shared/sales/address-format.ts';
import { saleJson } from '#shared/sales.schema.ts';
import {
  addressCheckBody,
  addressCheckJson,
  registrationDraftBody,
  registrationJson,
  salesSettingsJson,
  salesSettingsPatch,
} from '#shared/sales-settings.schema.ts';
import type { RouteTable } from './route.ts';

const tag = 'Sales desk';
const settingsReply = z.object({ data: salesSettingsJson });
const registered = z.object({ data: saleJson, registration: registrationJson });

export function salesSettingsRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/sales-settings',
      tag,
      summary:
        "The account's sales settings: address format with examples (Annex 1), observation glosses with their blanks (Annex 2), document checklists, commercial plans",
      roles: campaignReaders,
      response: settingsReply,
    },
    async ({ auth }) => ({ data: salesSettingsToJson(await loadSalesSettings(ctx.db, auth.accountId)) }),
  );
  t.route(
    {
      method: 'put',
      path: '/sales-settings',
      tag,
      summary:
        'Replace parts of the sales settings (addressFormat, glosses, ciChecklist, letterClauses, plans); an address format its own examples break is refused',
      roles: ['admin'],
      body: salesSettingsPatch,
      response: settingsReply,
    },
    async ({ auth, body }) => ({
      data: salesSettingsToJson(await updateSalesSettings(ctx, auth.accountId, body)),
    }),
  );
  t.route(
    {
      method: 'post',
      path: '/sales/address-check',
      tag,
      summary:
        "Check an installation address against the account's format as it is typed: normalised text, or the problem with a correct example",
      roles: advisorRoles,
      body: addressCheckBody,
      response: addressCheckJson,
    },
    async ({ auth, body }) => {
      const { addressFormat } = await loadSalesSettings(ctx.db, auth.accountId);
      const check = checkAddress(body.address, addressFormat);
      if (check.ok) return { ok: true, normalized: check.normalized };
      const { ok, normalized, problem, message, example } = check;
      return { ok, normalized, problem, message, example };
    },
  );
  t.route(
    {
      method: 'put',
      path: '/sales/:id/registration',
      tag,
      summary:
        'Save the draft of the CRM registration (steps 7–9): fields left out stay, null clears; the address and the gloss are checked as given',
      roles: advisorRoles,
      body: registrationDraftBody,
      response: registered,
    },
    async ({ auth, params, body }) => {
      const sale = await saveRegistration(ctx, auth, params.id, body);
      return { data: await saleJsonOf(ctx, sale), registration: registrationToJson(sale) };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/sales/:id/register',
      tag,
      summary:
        'Register the request: every field filled (400 lists the missing), documents accepted (409 lists the missing); the hand-over is due in 24 h',
      roles: advisorRoles,
      response: registered,
    },
    async ({ auth, params }) => {
      const sale = await registerSale(ctx, auth, params.id);
      return { data: await saleJsonOf(ctx, sale), registration: registrationToJson(sale) };
    },
  );
}
