// The API client: hono/client typed by the server's AppType (a type-only import, so no server code
// reaches the bundle). A changed route breaks this build rather than the user.
import { hc, type ClientResponse } from "hono/client";
import type { AppType } from "../../api/contract/app-type.ts";
import type { DealJson } from "../../api/contract/schemas.ts";

export type Deal = DealJson;

const origin = typeof window === "undefined" ? "http://localhost" : window.location.origin;
export const api = hc<AppType>(origin).api;

export interface FieldIssue {
  path: string;
  message: string;
}

/** An API refusal (its machine-readable code), or NETWORK when the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(code);
  }
}

type SuccessBody<R> = R extends ClientResponse<infer B, infer S, infer _F> ? (S extends 200 | 201 | 202 ? B : never) : never;

/** The body of a successful answer; any other answer becomes an ApiError with the API's code. */
export async function data<R extends ClientResponse<unknown, number, string>>(request: Promise<R>): Promise<SuccessBody<R>> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiError(0, "NETWORK");
  }
  if (res.ok) return (await res.json()) as SuccessBody<R>;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const error = (body as { error?: { code?: unknown; issues?: unknown } } | null)?.error;
  const code = typeof error?.code === "string" ? error.code : res.status === 404 ? "NOT_FOUND" : "UNKNOWN";
  const issues = Array.isArray(error?.issues) ? (error.issues as FieldIssue[]) : [];
  throw new ApiError(res.status, code, issues);
}

export const isApiError = (e: unknown, code?: string): e is ApiError =>
  e instanceof ApiError && (code === undefined || e.code === code);
