// Declares a REST route once: the express handler validates its input with the zod schemas, and the
// same declaration feeds the OpenAPI document at /api/docs — the docs cannot drift from the code.
import type { NextFunction, Request, Response, Router } from 'express';
import { type ZodType, z } from 'zod';
import { type Auth, authenticateToken, bearerOf, requireRole } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { AppError, type ErrorCode, errorStatus } from '#server/errors.ts';
import { idParam, type roleSchema } from '#shared/api.schema.ts';
import { describeInputProblem, inputProblem } from '#shared/input-guard.ts';

type Role = z.infer<typeof roleSchema>;

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export type RouteSpec<B, Q> = {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  /** 'user': a bearer token; 'none': public (login, inbound with its own token check). */
  auth?: 'user' | 'none';
  roles?: readonly Role[];
  body?: ZodType<B>;
  query?: ZodType<Q>;
  response?: ZodType;
  status?: number;
  /** Extra headers the route reads, for the docs. */
  headers?: Record<string, string>;
  multipart?: boolean;
  /** Path params that are names rather than ids (a protocol, a step key): given as strings in `names`. */
  names?: readonly string[];
};

export type RouteInput<B, Q> = {
  auth: Auth;
  body: B;
  query: Q;
  /** Numeric path params, already checked. */
  params: Record<string, number>;
  /** The path params listed in the spec's `names`, as given. */
  names: Record<string, string>;
  req: Request;
  res: Response;
};

export type DocumentedRoute = Omit<RouteSpec<unknown, unknown>, 'body' | 'query'> & {
  body?: ZodType;
  query?: ZodType;
};

export type RouteTable = {
  docs: DocumentedRoute[];
  route<B = undefined, Q = undefined>(
    spec: RouteSpec<B, Q>,
    handler: (input: RouteInput<B, Q>) => Promise<unknown>,
  ): void;
};

export function createRouteTable(ctx: HubContext, router: Router): RouteTable {
  const docs: DocumentedRoute[] = [];
  return {
    docs,
    route<B, Q>(spec: RouteSpec<B, Q>, handler: (input: RouteInput<B, Q>) => Promise<unknown>) {
      docs.push(spec as DocumentedRoute);
      router[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
        try {
          const params: Record<string, number> = {};
          const names: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.params)) {
            if (spec.names?.includes(k)) {
              // A name that is not storable text cannot name anything either.
              if (inputProblem(v)) throw new AppError('not_found', `no such ${k}`);
              names[k] = String(v);
              continue;
            }
            // An id that is not a number cannot name anything: not found, not a server error.
            if (!idParam.safeParse(v).success) throw new AppError('not_found', `no ${k} ${String(v)}`);
            params[k] = Number(v);
          }
          const auth =
            spec.auth === 'none' ? null : await authenticateToken(ctx, bearerOf(req.headers.authorization));
          if (auth && spec.roles) requireRole(auth, spec.roles);
          const body = spec.body ? parse(spec.body, bodyOf(req), 'body') : undefined;
          const query = spec.query ? parse(spec.query, req.query, 'query') : undefined;
          // A merge patch that names nothing the route knows (`{}`, or only misspelt fields, which the
          // schema strips) is a client's mistake, not a silent no-op: said the same way on every PATCH.
          if (spec.method === 'patch' && spec.body && setsNothing(body)) {
            throw new AppError('validation_failed', 'invalid body: nothing to change');
          }
          const result = await handler({
            auth: auth as Auth,
            body: body as B,
            query: query as Q,
            params,
            names,
            req,
            res,
          });
          if (res.headersSent) return;
          if (result instanceof Reply) res.status(result.status).json(result.body);
          else res.status(spec.status ?? 200).json(result);
        } catch (err) {
          next(err);
        }
      });
    },
  };
}

/** Returned by a handler whose status depends on the outcome (201 created vs 200 seen before). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/**
 * The JSON body. express.json reads only application/json and leaves any other body unread, which would
 * silently count as empty: a body of another type is refused instead.
 */
function bodyOf(req: Request): unknown {
  if (req.body !== undefined) return req.body;
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > 0 || req.headers['transfer-encoding'] !== undefined) {
    throw new AppError('unsupported_media_type', 'send the body as application/json');
  }
  return {};
}

const setsNothing = (body: unknown): boolean =>
  typeof body === 'object' &&
  body !== null &&
  !Array.isArray(body) &&
  Object.values(body).every((v) => v === undefined);

function parse<T>(schema: ZodType<T>, value: unknown, where: string): T {
  // Before the schema: text PostgreSQL cannot store, prototype keys, absurd nesting (shared/input-guard.ts).
  const problem = inputProblem(value);
  if (problem) throw new AppError(problem.code, `invalid ${where}: ${describeInputProblem(problem)}`);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const path = first?.path.length ? `${first.path.join('.')}: ` : '';
  // Well-formed input a refinement refuses with its own code (an overlapping interval...): that code.
  const coded = result.error.issues.map(appCodeOf);
  if (coded.length && coded.every(Boolean)) {
    throw new AppError(coded[0]!, `invalid ${where}: ${path}${first.message}`, {
      details: z.treeifyError(result.error),
    });
  }
  throw new AppError('validation_failed', `invalid ${where}: ${path}${first?.message ?? 'invalid'}`, {
    details: z.treeifyError(result.error),
  });
}

function appCodeOf(issue: z.core.$ZodIssue): ErrorCode | null {
  const code = issue.code === 'custom' ? (issue.params as { appCode?: unknown } | undefined)?.appCode : null;
  return typeof code === 'string' && code in errorStatus ? (code as ErrorCode) : null;
}
