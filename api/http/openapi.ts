// Route definitions share these helpers: the route declaration, a JSON body, the error responses,
// and the validation hook.
import { createRoute, OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { z } from "zod";
import { AppError, type Issue } from "../errors.ts";
import { ErrorBody } from "../contract/schemas.ts";
import type { AppEnv } from "./env.ts";

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { "application/json": { schema } } },
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

const errorResponse = (description: string) => json(ErrorBody, description);

const errors = {
  400: errorResponse("Validation failed (VALIDATION_FAILED, with issues)"),
  401: errorResponse("Not signed in (UNAUTHENTICATED)"),
  403: errorResponse("Not allowed (FORBIDDEN, CROSS_SITE_REQUEST)"),
  404: errorResponse("Not found"),
  409: errorResponse("Conflict with the deal's state"),
  413: errorResponse("Body over 64 KB"),
  429: errorResponse("Too many requests; see Retry-After"),
} as const;

/** The error responses of these statuses, to spread into a route's responses. */
export const errorsFor = <S extends keyof typeof errors>(...statuses: S[]) =>
  Object.fromEntries(statuses.map((s) => [s, errors[s]])) as Pick<typeof errors, S>;

type RouteRest = Omit<RouteConfig, "method" | "path" | "tags" | "summary">;

/**
 * Declares routes under these tags: `route(method, path, summary, { request, responses })`.
 * It is createRoute with the tags filled in, generic over the rest so that the handlers keep
 * their typed `c.req.valid(...)` and `c.json(body, status)`.
 */
export const routesTagged =
  (...tags: string[]) =>
  <M extends RouteConfig["method"], P extends string, R extends RouteRest>(method: M, path: P, summary: string, rest: R) =>
    createRoute({ method, path, tags, summary, ...rest });

export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues: Issue[] = result.error.issues.map((i) => ({
          path: i.path.map(String).join(".") || "(body)",
          message: i.message,
        }));
        throw new AppError("VALIDATION_FAILED", "Some fields need attention.", { issues });
      }
    },
  });
}
