// One AppError with a code; one table maps codes to HTTP statuses. A client never sees a stack trace.
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  payload_too_large: 413,
  attachment_too_large: 413,
  attachment_type_not_allowed: 415,
  attachment_type_mismatch: 415,
  unsupported_media_type: 415,
  invalid_state: 409,
  channel_unavailable: 422,
  invalid_config: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, opts: { cause?: unknown; details?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.code = code;
    this.details = opts.details;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
