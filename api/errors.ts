// AppError, the one error type that handlers and domain functions throw; the app's onError turns
// it into `{ error: { code, message, issues? } }` with the status the code registry gives.
import { errorStatus, type ErrorCode, type ErrorStatus, type Issue } from "./contract/errors.ts";

export { errorStatus, type ErrorCode, type Issue };

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
