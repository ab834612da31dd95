// Shared by the trust tests: the documented error shape and what an error answer must never
// leak, the operations of the OpenAPI document, and reading any answer's body (event streams
// included). The database fingerprint is in tests/setup/db.ts.
import { z } from "zod";
import { errorStatus } from "../../api/errors.ts";

/** The one documented error shape: `{ error: { code, message, issues? } }`, nothing else. */
export const ErrorShape = z
  .object({
    error: z
      .object({
        code: z.string().regex(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/),
        message: z.string().min(1),
        issues: z.array(z.object({ path: z.string(), message: z.string() }).strict()).optional(),
      })
      .strict(),
  })
  .strict();

/** What must never reach a client: a stack frame, a source path, or a driver's or runtime's error. */
export const LEAK =
  /\n\s+at |\bat \S+ \(|\.(ts|js|mjs|cjs):\d+|node_modules|PrismaClient|prisma\.|SQLITE_|better-sqlite3|TypeError|ReferenceError|RangeError|Cannot read propert/;

/**
 * Checks an error answer: the shape, a code from the registry whose status is the one answered,
 * and no leaked detail. Returns a description of what is wrong, or null.
 */
export function errorProblem(status: number, text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
  const parsed = ErrorShape.safeParse(body);
  if (!parsed.success) return `not the error shape: ${text.slice(0, 300)}`;
  const { code } = parsed.data.error;
  if (!(code in errorStatus)) return `code ${code} is not in the registry`;
  if (errorStatus[code as keyof typeof errorStatus] !== status) return `code ${code} answered with ${status}`;
  if (LEAK.test(text)) return `leaks detail: ${text.slice(0, 300)}`;
  return null;
}

export interface Operation {
  method: string;
  /** OpenAPI path under /api, with {id} placeholders. */
  path: string;
  operation: {
    parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
    requestBody?: { content: Record<string, { schema: unknown }> };
    responses: Record<string, unknown>;
  };
}

/** The operations of the OpenAPI document, as served at GET /api/openapi.json. */
export function operationsOf(doc: { paths: Record<string, Record<string, Operation["operation"]>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (["get", "post", "put", "patch", "delete"].includes(method)) ops.push({ method: method.toUpperCase(), path, operation });
    }
  }
  return ops;
}

/** Reads a response body; an event stream is read up to its first event and then cancelled. */
export async function readBody(res: Response): Promise<string> {
  if (!res.headers.get("content-type")?.startsWith("text/event-stream") || !res.body) return res.text();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + 2_000;
  while (!text.includes("\n\n") && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}
