// /api/docs is generated from the route table and the zod schemas that validate requests: every route
// the API serves is documented, with its body schema, and the document is valid OpenAPI 3.1 in shape.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '#tests/helpers/hub.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.destroy());

it('documents every public route with its request body and responses', async () => {
  const res = await fetch(`${t.url}/api/docs`);
  expect(res.status).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe('3.1.0');
  const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
  );
  for (const expected of [
    'POST /api/v1/auth/login',
    'GET /api/v1/me',
    'GET /api/v1/conversations',
    'GET /api/v1/conversations/{id}',
    'GET /api/v1/conversations/{id}/messages',
    'POST /api/v1/conversations/{id}/messages',
    'POST /api/v1/conversations/{id}/messages/{messageId}/retry',
    'POST /api/v1/conversations/{id}/assign',
    'POST /api/v1/conversations/{id}/status',
    'POST /api/v1/conversations/{id}/closure-check',
    'GET /api/v1/contacts',
    'POST /api/v1/contacts/{id}/merge',
    'GET /api/v1/inboxes',
    'POST /api/v1/inboxes',
    'PATCH /api/v1/inboxes/{id}',
    'POST /api/v1/inboxes/{id}/incoming',
    'POST /api/v1/users',
    'PATCH /api/v1/users/{id}',
    'POST /api/v1/teams',
    'POST /api/v1/attachments',
    'GET /api/v1/attachments/{id}',
  ]) {
    expect(ops).toContain(expected);
  }
  const incoming = doc.paths['/api/v1/inboxes/{id}/incoming'].post;
  const body = incoming.requestBody.content['application/json'].schema;
  expect(body.required).toEqual(expect.arrayContaining(['externalId', 'contact']));
  expect(incoming.parameters.map((p: any) => p.name)).toEqual(
    expect.arrayContaining(['id', 'X-Inbox-Token']),
  );
  const reply = doc.paths['/api/v1/conversations/{id}/messages'].post;
  expect(Object.keys(reply.responses)).toEqual(expect.arrayContaining(['201', '4XX']));
  const list = doc.paths['/api/v1/conversations'].get;
  expect(list.parameters.map((p: any) => p.name)).toEqual(
    expect.arrayContaining(['status', 'inboxId', 'cursor']),
  );
});
