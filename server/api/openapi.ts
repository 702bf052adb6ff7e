// The OpenAPI 3.1 document, generated from the route table and the same zod schemas that validate
// requests — served at /api/docs (JSON) so integrators never read our source.
import { z } from 'zod';
import { errorBody } from '#shared/api.schema.ts';
import type { DocumentedRoute } from './route.ts';

const jsonSchema = (s: z.ZodType) =>
  z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' });
const outSchema = (s: z.ZodType) =>
  z.toJSONSchema(s, { io: 'output', unrepresentable: 'any', target: 'openapi-3.0' });

export function buildOpenApi(routes: DocumentedRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = `/api/v1${r.path.replace(/:(\w+)/g, '{$1}')}`;
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: r.names?.includes(m[1]) ? { type: 'string' } : { type: 'string', pattern: '^\\d+$' },
    }));
    if (r.query) {
      const q = jsonSchema(r.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        params.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema } as never);
      }
    }
    for (const [name, description] of Object.entries(r.headers ?? {})) {
      params.push({ name, in: 'header', required: true, schema: { type: 'string' }, description } as never);
    }
    const ok = String(r.status ?? 200);
    paths[path] ??= {};
    paths[path][r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.auth === 'none' ? { security: [] } : {}),
      ...(r.roles ? { description: `Roles: ${r.roles.join(', ')}` } : {}),
      parameters: params,
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } }
        : {}),
      ...(r.multipart
        ? {
            requestBody: {
              required: true,
              content: {
                'multipart/form-data': {
                  schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
                },
              },
            },
          }
        : {}),
      responses: {
        [ok]: {
          description: 'OK',
          ...(r.response ? { content: { 'application/json': { schema: outSchema(r.response) } } } : {}),
        },
        '4XX': {
          description: 'A client error, with a code',
          content: { 'application/json': { schema: outSchema(errorBody) } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Omnichannel hub API',
      version,
      description:
        'REST API of the hub. Authenticate with `Authorization: Bearer <token>` from POST /auth/login. Lists answer {data, nextCursor}; errors {error:{code,message}}. Ids are strings.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
