// A Server-Sent Events reader over fetch, for the tests of GET /api/deals/:id/events: the events
// as they arrive, the raw text (for comment lines), and waiting for the n-th event.
import { expect } from "vitest";

export interface SseEvent {
  event: string;
  data: string;
}

/** A Server-Sent Events reader over fetch, with the raw text kept for comment lines. */
export async function connect(url: string, cookie?: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, signal: controller.signal });
  const events: SseEvent[] = [];
  let raw = "";
  let buffer = "";
  const waiters: (() => void)[] = [];
  const pump = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        raw += value;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split("\n");
          const event = lines.find((l) => l.startsWith("event:"))?.slice(6).trim();
          const data = lines.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
          if (event) events.push({ event, data });
          for (const w of waiters.splice(0)) w();
        }
      }
    } catch {
      // Aborted.
    }
  })();
  /** Event number `index` (from 0), within `ms`. */
  async function nth(index: number, ms: number): Promise<SseEvent> {
    const deadline = Date.now() + ms;
    while (events.length <= index) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event #${index} within ${ms} ms (have ${events.length})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return events[index]!;
  }
  /** Event number `index`, which must be a deal snapshot: its deal. */
  async function snapshot(index: number, ms: number) {
    const e = await nth(index, ms);
    expect(e.event).toBe("deal");
    return JSON.parse(e.data).deal;
  }
  return {
    res,
    events,
    raw: () => raw,
    nth,
    snapshot,
    async close() {
      controller.abort();
      await pump;
    },
  };
}
