// The retry boundary: every adapter turns its library's raw errors into one of these codes, keeping the
// original as `cause`. The outbox decides from the code alone whether to try again.
export type ChannelErrorCode = 'TEMPORARY' | 'RATE_LIMITED' | 'AUTH' | 'PERMANENT';

export class ChannelError extends Error {
  readonly code: ChannelErrorCode;
  readonly retryAfterMs?: number;
  constructor(
    code: ChannelErrorCode,
    message: string,
    opts: { cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'ChannelError';
    this.code = code;
    this.retryAfterMs = opts.retryAfterMs;
  }
  get retryable(): boolean {
    return this.code === 'TEMPORARY' || this.code === 'RATE_LIMITED';
  }
}

/** Anything thrown that is not a ChannelError is treated as temporary: a bug must not drop a message. */
export function toChannelError(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ChannelError('TEMPORARY', message, { cause: err });
}
