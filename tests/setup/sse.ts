// A small Server-Sent Events client over node:http, for tests that open many streams: it keeps
// each `deal` event's parsed deal, the raw text, and whether the server ended the stream. It can
// bind its socket to a local address (127.x.y.z), so many "clients" fit on one machine.
import { request, type IncomingMessage } from "node:http";

export interface SseStream {
  status: number;
  headers: IncomingMessage["headers"];
  /** Every event, in order: its name, data and retry hint. */
  events: { event: string; data: string; retry?: number }[];
  /** The deals of the `deal` events, in order. */
  deals(): any[];
  ended: Promise<void>;
  /** Resolves once `pred` holds for a new or old event, or rejects after `ms`. */
  until(pred: (deal: any) => boolean, ms: number): Promise<any>;
  close(): void;
  body: string;
}

export function openSse(
  url: string,
  { cookie, localAddress, forwardedFor }: { cookie?: string; localAddress?: string; forwardedFor?: string } = {},
): Promise<SseStream> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  // As a trusted proxy would say who the client is (the server must list it in TRUSTED_PROXIES).
  if (forwardedFor) headers["x-forwarded-for"] = forwardedFor;
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, localAddress, agent: false }, (res) => {
      res.setEncoding("utf8");
      let buffer = "";
      const waiters = new Set<() => void>();
      const stream: SseStream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events: [],
        deals: () => stream.events.filter((e) => e.event === "deal").map((e) => JSON.parse(e.data).deal),
        ended: new Promise((r) => res.on("close", () => r())),
        body: "",
        until(pred, ms) {
          return new Promise((ok, fail) => {
            const check = () => {
              const hit = stream.deals().findLast(pred);
              if (hit === undefined) return false;
              clearTimeout(timer);
              waiters.delete(check);
              ok(hit);
              return true;
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no matching deal within ${ms} ms; last: ${JSON.stringify(stream.deals().at(-1))}`));
            }, ms);
            if (!check()) waiters.add(check);
          });
        },
        close: () => req.destroy(),
      };
      res.on("data", (chunk: string) => {
        stream.body += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const lines = buffer.slice(0, end).split("\n");
          buffer = buffer.slice(end + 2);
          const event = lines.find((l) => l.startsWith("event:"))?.slice(6).trim();
          const retry = lines.find((l) => l.startsWith("retry:"))?.slice(6).trim();
          const data = lines.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
          if (event) stream.events.push({ event, data, ...(retry ? { retry: Number(retry) } : {}) });
        }
        // A waiter that is satisfied removes itself, which a Set allows mid-iteration.
        for (const w of waiters) w();
      });
      res.on("error", () => undefined);
      resolve(stream);
    });
    req.on("error", reject);
    req.end();
  });
}
