// Forms and responses as the API shows them: ids as strings, instants as ISO text.
import type { Form, FormResponse } from '#server/db/forms-schema.ts';
import type { FormJson, FormResponseJson } from '#shared/forms.schema.ts';

export function formToJson(f: Form): FormJson {
  return {
    id: String(f.id),
    key: f.key,
    name: f.name as Record<string, string>,
    description: (f.description as Record<string, string> | null) ?? null,
    fields: f.fields,
    observation: f.observation,
    locale: f.locale,
    active: f.active,
    version: f.version,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

export type ResponseRow = {
  response: FormResponse;
  formKey: string;
  formName: Form['name'];
  userName: string | null;
};

export function responseToJson(r: ResponseRow): FormResponseJson {
  const x = r.response;
  return {
    id: String(x.id),
    formId: String(x.formId),
    formKey: r.formKey,
    formName: r.formName as Record<string, string>,
    formVersion: x.formVersion,
    conversationId: x.conversationId === null ? null : String(x.conversationId),
    contactId: String(x.contactId),
    answers: x.answers,
    observation: x.observation,
    userId: x.userId === null ? null : String(x.userId),
    userName: r.userName,
    createdAt: x.createdAt.toISOString(),
  };
}
