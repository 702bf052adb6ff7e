// One form's responses as CSV (filtered like GET /form-responses): one column per field in the
// definition's order — fields an older version had and this one dropped follow, so no answer is lost —
// then the observation, the agent and the date. Answers are written as the observation writes them
// (Sí/No, an option's label, an amount with its 2 decimals).
import { asc, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { type Form, formVersions } from '#server/db/forms-schema.ts';
import { showAnswer } from '#shared/forms/evaluate-answers.ts';
import type { FormField } from '#shared/forms/form-types.ts';
import type { FormResponsesQuery } from '#shared/forms.schema.ts';
import { listResponseRows } from './list-responses.ts';
import { loadForm } from './load-forms.ts';

/** RFC 4180 quoting; a cell that starts like a formula is prefixed so a spreadsheet shows it as text. */
const cell = (v: unknown) => {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export async function exportResponsesCsv(
  ctx: HubContext,
  auth: Auth,
  q: Omit<FormResponsesQuery, 'cursor' | 'limit'> & { formId: string },
): Promise<{ form: Form; csv: string }> {
  const form = await loadForm(ctx, auth, Number(q.formId));
  const fields = await columnsOf(ctx, form);
  const lines = [
    ['response', ...fields.map((f) => f.key), 'observation', 'agent', 'date', 'conversation', 'contact'].join(
      ',',
    ),
  ];
  let cursor: string | undefined;
  for (;;) {
    const { page, nextCursor } = await listResponseRows(ctx, auth, { ...q, cursor, limit: 200 });
    for (const row of page) {
      const r = row.response;
      lines.push(
        [
          r.id,
          ...fields.map((f) => showAnswer(f, r.answers[f.key], form.locale)),
          r.observation,
          row.userName,
          r.createdAt.toISOString(),
          r.conversationId,
          r.contactId,
        ]
          .map(cell)
          .join(','),
      );
    }
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return { form, csv: `${lines.join('\r\n')}\r\n` };
}

/** The current fields, then those only older versions had (newest version first). */
async function columnsOf(ctx: HubContext, form: Form): Promise<FormField[]> {
  const out = [...form.fields];
  const versions = await ctx.db
    .select({ version: formVersions.version, definition: formVersions.definition })
    .from(formVersions)
    .where(eq(formVersions.formId, form.id))
    .orderBy(asc(formVersions.version));
  for (const v of versions.reverse()) {
    for (const f of v.definition.fields) if (!out.some((o) => o.key === f.key)) out.push(f);
  }
  return out;
}
