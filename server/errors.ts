// One AppError with a code; one table maps codes to HTTP statuses. A client never sees a stack trace.
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  // A NUL or an unpaired surrogate in a string (shared/input-guard.ts): not text PostgreSQL can store.
  invalid_text: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_signature: 401,
  forbidden: 403,
  webhook_verification_failed: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  last_admin: 409,
  self_lockout: 409,
  // The address signs in to several accounts: the caller, who knows the password, names one.
  account_required: 409,
  weak_password: 422,
  wrong_password: 403,
  login_throttled: 429,
  account_disabled: 403,
  payload_too_large: 413,
  // Refused by node's HTTP parser before the app (server/api/client-error.ts).
  headers_too_large: 431,
  request_timeout: 408,
  attachment_too_large: 413,
  attachment_type_not_allowed: 415,
  attachment_type_mismatch: 415,
  unsupported_media_type: 415,
  invalid_state: 409,
  capacity_full: 409,
  already_rated: 409,
  identity_not_verified: 401,
  inbox_not_found: 404,
  unknown_label: 422,
  no_email_inbox: 422,
  channel_unavailable: 422,
  invalid_config: 422,
  // Longer than the channel takes (its maxText, counted its way): refused before it is queued.
  text_too_long: 422,
  // The channel cannot do this to a public item (hide, delete, like), or the item is already gone.
  action_not_supported: 422,
  // A moderation of the same item is still on its way to the network.
  action_pending: 409,
  // Business hours (shared/business-hours.ts): well-formed but impossible calendars.
  unknown_time_zone: 422,
  hours_reversed: 422,
  hours_overlap: 422,
  invalid_date: 422,
  duplicate_holiday: 422,
  // Quality (QP-14): settings that cannot score, and evaluations given what does not fit them.
  duplicate_criterion: 400,
  duplicate_grade: 400,
  no_weight: 400,
  unknown_criterion: 400,
  scores_incomplete: 400,
  message_not_in_conversation: 400,
  no_agent_to_evaluate: 400,
  already_evaluated: 409,
  // Only the agent evaluated acknowledges or disputes; nobody evaluates their own work.
  not_evaluated_agent: 403,
  own_evaluation: 403,
  // Procedure forms: a definition the floor could not fill (shared/forms/definition-problems.ts), and
  // answers the form refuses (each field's code and es/en/ar message in `fields`).
  form_duplicate_key: 400,
  form_unknown_field: 400,
  form_invalid_pattern: 400,
  form_bad_rule: 400,
  form_bad_template: 400,
  invalid_answers: 400,
  // Follow-ups and compensation (QP-14): a step taken by a role the procedure does not give it to, an
  // owner who cannot own one, a follow-up that already has its compensation.
  not_followup_owner: 403,
  not_manager: 403,
  not_finance: 403,
  invalid_owner: 422,
  already_compensated: 409,
  // A closure-check hold until an instant that has already passed.
  hold_in_past: 422,
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
