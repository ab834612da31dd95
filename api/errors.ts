// One error type and one registry of codes. Handlers and domain functions throw AppError; the
// app's onError turns it into `{ error: { code, message, issues? } }` with the status below.
export const errorStatus = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  SEATS_EXCEED_LIMIT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CROSS_SITE_REQUEST: 403,
  NOT_FOUND: 404,
  DEAL_NOT_FOUND: 404,
  COMMITMENT_NOT_FOUND: 404,
  ALREADY_COMMITTED: 409,
  DEAL_CLOSED: 409,
  DEAL_NOT_OPEN: 409,
  COMMITMENT_BINDING: 409,
  TOKEN_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type ErrorStatus = (typeof errorStatus)[ErrorCode];

export interface Issue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: ErrorStatus;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: Issue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export function errorBody(code: ErrorCode, message: string, issues?: Issue[]) {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}
