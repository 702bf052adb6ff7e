// Procedure forms (issue 18, item 5): admins and supervisors define them; agents fill one inside a
// conversation they may work; responses show on the conversation and the contact, and are listed and
// exported for supervisors, admins and QA. The 109 top-up form is every account's from the start.
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { exportResponsesCsv } from '#server/forms/export-responses.ts';
import { formToJson, responseToJson } from '#server/forms/forms-json.ts';
import { contactResponses, conversationResponses, listResponses } from '#server/forms/list-responses.ts';
import { listForms, loadForm } from '#server/forms/load-forms.ts';
import { createForm, updateForm } from '#server/forms/save-form.ts';
import { submitResponse } from '#server/forms/submit-response.ts';
import { roleSchema } from '#shared/api.schema.ts';
import {
  answerErrorJson,
  createFormBody,
  formJson,
  formResponseBody,
  formResponseJson,
  formResponsesExportQuery,
  formResponsesQuery,
  formsQuery,
  updateFormBody,
} from '#shared/forms.schema.ts';
import { Reply, type RouteTable } from './route.ts';

const tag = 'Forms';
const one = z.object({ data: formJson });
const responses = z.object({ data: z.array(formResponseJson) });
const keepers = ['admin', 'supervisor'] as const;
const fillers = ['admin', 'supervisor', 'agent'] as const;
const readers = ['admin', 'supervisor', 'agent', 'qa'] as const;
const overseers = ['admin', 'supervisor', 'qa'] as const;

export function formRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/forms',
      tag,
      summary:
        "The account's procedure forms (the 109 top-up among them): agents get the active ones; active=true|false filters for the others",
      roles: roleSchema.options,
      query: formsQuery,
      response: z.object({ data: z.array(formJson) }),
    },
    async ({ auth, query }) => ({ data: (await listForms(ctx, auth, query)).map(formToJson) }),
  );
  t.route(
    {
      method: 'get',
      path: '/forms/:id',
      tag,
      summary: 'One form with its fields, rules and observation template',
      roles: roleSchema.options,
      response: one,
    },
    async ({ auth, params }) => ({ data: formToJson(await loadForm(ctx, auth, params.id)) }),
  );
  t.route(
    {
      method: 'post',
      path: '/forms',
      tag,
      summary:
        'Define a form: a duplicate field key (form_duplicate_key), a showIf naming no earlier field (form_unknown_field), a pattern that does not compile (form_invalid_pattern), a rule the type cannot have (form_bad_rule) or a broken observation (form_bad_template) is a 400 with that code',
      roles: keepers,
      body: createFormBody,
      response: one,
      status: 201,
    },
    async ({ auth, body }) => ({ data: formToJson(await createForm(ctx, auth, body)) }),
  );
  t.route(
    {
      method: 'put',
      path: '/forms/:id',
      tag,
      summary:
        "Replace a form's definition (checked as POST /forms); its version goes up by one and earlier responses keep theirs",
      roles: keepers,
      body: updateFormBody,
      response: one,
    },
    async ({ auth, params, body }) => ({ data: formToJson(await updateForm(ctx, auth, params.id, body)) }),
  );
  t.route(
    {
      method: 'post',
      path: '/conversations/:id/form-responses',
      tag,
      summary:
        'Fill a form in a conversation the caller may work: 201 with the stored answers and the observation, or 400 invalid_answers with each refused field (code, message in es/en/ar)',
      roles: fillers,
      body: formResponseBody,
      response: z.object({ data: formResponseJson }),
      status: 201,
    },
    async ({ auth, params, body }) => {
      const result = await submitResponse(ctx, auth, params.id, body);
      if (result.ok) return new Reply(201, { data: responseToJson(result.row) });
      const fields = z.array(answerErrorJson).parse(result.errors);
      return new Reply(400, {
        error: {
          code: 'invalid_answers',
          message: `the form refused ${fields.map((f) => `${f.field} (${f.code})`).join(', ')}`,
          fields,
        },
      });
    },
  );
  t.route(
    {
      method: 'get',
      path: '/conversations/:id/form-responses',
      tag,
      summary: 'The forms filled in a conversation, newest first',
      roles: readers,
      response: responses,
    },
    async ({ auth, params }) => ({ data: await conversationResponses(ctx, auth, params.id) }),
  );
  t.route(
    {
      method: 'get',
      path: '/contacts/:id/form-responses',
      tag,
      summary:
        'The forms filled for a contact (and the contacts merged into it), newest first; an agent sees those of the conversations they may see and their own',
      roles: readers,
      response: responses,
    },
    async ({ auth, params }) => ({ data: await contactResponses(ctx, auth, params.id) }),
  );
  t.route(
    {
      method: 'get',
      path: '/form-responses',
      tag,
      summary:
        'Responses of the account, newest first, by form, period (from/to: a date is its whole day, UTC; or an instant) and agent',
      roles: overseers,
      query: formResponsesQuery,
      response: z.object({ data: z.array(formResponseJson), nextCursor: z.string().nullable() }),
    },
    async ({ auth, query }) => listResponses(ctx, auth, query),
  );
  t.route(
    {
      method: 'get',
      path: '/form-responses/export',
      tag,
      summary:
        "One form's responses as CSV (filters as GET /form-responses): a column per field in the definition's order, then observation, agent, date",
      roles: overseers,
      query: formResponsesExportQuery,
    },
    async ({ auth, query, res }) => {
      const { form, csv } = await exportResponsesCsv(ctx, auth, query);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="formulario-${form.key}.csv"`);
      res.send(`\ufeff${csv}`);
    },
  );
}
