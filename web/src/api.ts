// The API client, typed as hono/client types it from the server's AppType (type-only imports, so no
// server code reaches the bundle): a changed route breaks this build rather than the user. The
// calls run on the few lines below: the app sends only path parameters, query strings and JSON
// bodies, and hono/client's general runtime weighs more than all of that.
import type { ClientResponse, hc } from "hono/client";
import type { AppType } from "../../api/contract/app-type.ts";
import type { DealJson } from "../../api/contract/schemas.ts";
import { noteServerDate } from "./server-time.ts";

export type Deal = DealJson;

interface CallArgs {
  param?: Record<string, string>;
  query?: Record<string, string | undefined>;
  json?: unknown;
}

/** `api.deals[":id"].commitments.$post({ param, json })` is a POST to /api/deals/<id>/commitments. */
function route(path: string): unknown {
  return new Proxy(() => undefined, {
    // Not a thenable: `await` must not mistake a route for a promise.
    get: (_, key) => (typeof key === "string" && key !== "then" ? route(`${path}/${key}`) : undefined),
    apply(_, __, [args = {}]: [CallArgs?]) {
      const end = path.lastIndexOf("/$");
      const query = Object.entries(args.query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
      const search = new URLSearchParams(query).toString();
      const url = path.slice(0, end).replace(/:(\w+)/g, (_, name: string) => args.param?.[name] ?? "") + (search ? `?${search}` : "");
      const method = path.slice(end + 2);
      if (method === "path") return url;
      const body = args.json === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(args.json) };
      return fetch(url, { method: method.toUpperCase(), ...body });
    },
  });
}

export const api = (route("") as ReturnType<typeof hc<AppType>>).api;

interface FieldIssue {
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
  noteServerDate(res.headers.get("date"));
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
