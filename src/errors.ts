// One error type for expected failures, mapped once to an HTTP status and a CLI exit code.

export type ErrorCode =
  | 'invalid'
  | 'not_found'
  | 'unprocessable'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable';

const httpStatusOf: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 422 | 429 | 503> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export class HeadwayError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HeadwayError';
  }

  get status() {
    return httpStatusOf[this.code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, details: this.details ?? null } };
  }
}

export function notFound(what: string): HeadwayError {
  return new HeadwayError('not_found', `${what} was not found`);
}
