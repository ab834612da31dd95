// The error codes every answer may carry, and the HTTP status of each. Part of the contract: the
// web app has a message for every code here, and the API answers
// `{ error: { code, message, issues? } }` with these statuses.
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
  // editing and the soft threshold
  TERMS_LOCKED: 409,
  ALREADY_DECIDED: 409,
  NOT_IN_GRACE: 409,
  // Live deal pages: every live stream the server holds is taken.
  LIVE_UPDATES_FULL: 503,
  // moderation (issue 15)
  ACCOUNT_BLOCKED: 403,
  USER_NOT_FOUND: 404,
  CANNOT_BLOCK_ADMIN: 409,
  // co-creation and trust: reviews
  NOT_A_PARTICIPANT: 403,
  ALREADY_REVIEWED: 409,
  REVIEW_NOT_OPEN: 409,
  REVIEW_CLOSED: 409,
  // paying at the tip (issue 14)
  CURRENCY_NOT_PAYABLE: 400,
  PAYMENT_NOT_FOUND: 404,
  PAYMENT_NOT_DUE: 409,
  PAYMENTS_UNAVAILABLE: 503,
  WEBHOOK_SIGNATURE_INVALID: 400,
  // participant removal by the initiator (safe by default)
  ALREADY_REMOVED: 409,
  COMMITMENT_NOT_LIVE: 409,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type ErrorStatus = (typeof errorStatus)[ErrorCode];

export interface Issue {
  path: string;
  message: string;
}
