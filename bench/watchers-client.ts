// The watchers of the benchmark's live scenario, in a process of their own (wrk blocks the
// benchmark's own process): N raw sockets holding a deal's event stream open, each bound to a
// loopback address of its own group of ten (127.1.x.y), so the server's per-address limit of 20
// sees them apart. Each keeps only the last `"seatsCommitted":` it saw. Driven over IPC by
// bench/watchers.ts: connect, probe (make one change, time its arrival at every watcher), final, close.
import { connect, type Socket } from "node:net";

interface Watcher {
  socket: Socket;
  count: number;
  tail: string;
  seenAt: number;
}

const watchers: Watcher[] = [];
const COUNT = /"seatsCommitted":(\d+)/g;
let waiting: (() => void) | null = null;

const address = (i: number) => {
  const a = Math.floor(i / 10) + 1;
  return `127.1.${a >> 8}.${a & 255}`;
};

function open(port: number, path: string, i: number): Promise<Watcher> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, localAddress: address(i) });
    const w: Watcher = { socket, count: -1, tail: "", seenAt: 0 };
    let headers = false;
    socket.setEncoding("utf8");
    socket.once("connect", () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`));
    socket.on("data", (chunk: string) => {
      const text = w.tail + chunk;
      if (!headers) {
        if (!text.startsWith("HTTP/1.1 200")) return reject(new Error(`watcher ${i}: ${text.slice(0, 80)}`));
        headers = true;
      }
      let last = -1;
      for (const m of text.matchAll(COUNT)) last = Number(m[1]);
      w.tail = text.slice(-40);
      if (last >= 0 && last !== w.count) {
        w.count = last;
        w.seenAt = performance.now();
        if (w.count >= 0) resolve(w);
        waiting?.();
      }
    });
    socket.on("error", reject);
  });
}

async function connectAll(port: number, path: string, n: number) {
  let failed = 0;
  for (let i = 0; i < n; i += 200) {
    const batch = await Promise.allSettled(Array.from({ length: Math.min(200, n - i) }, (_, k) => open(port, path, i + k)));
    for (const b of batch) {
      if (b.status === "fulfilled") watchers.push(b.value);
      else failed++;
    }
  }
  return { connected: watchers.length, failed };
}

/** Waits until every watcher has seen at least `expect`, or `ms`; the arrival delays after `t0`. */
async function arrivals(expect: number, t0: number, ms: number) {
  const deadline = performance.now() + ms;
  while (watchers.some((w) => w.count < expect) && performance.now() < deadline) {
    await new Promise<void>((r) => {
      waiting = r;
      setTimeout(r, 20);
    });
  }
  waiting = null;
  const late = watchers.filter((w) => w.count < expect).length;
  const delays = watchers.filter((w) => w.count >= expect).map((w) => w.seenAt - t0);
  return { late, delays };
}

process.on("message", async (msg: { cmd: string; [k: string]: any }) => {
  if (msg.cmd === "connect") {
    process.send!({ cmd: "connect", ...(await connectAll(msg.port, msg.path, msg.n)) });
  } else if (msg.cmd === "probe") {
    // One change, made from here so that its start and its arrivals are on one clock.
    const t0 = performance.now();
    const res = await fetch(msg.url, { method: "POST", headers: msg.headers, body: msg.body });
    // Both servers answer with the deal as the change left it: every watcher must come to see that count.
    const answer = (await res.json().catch(() => null)) as { deal?: { seatsCommitted?: number } } | null;
    const expect = answer?.deal?.seatsCommitted ?? Infinity;
    const { late, delays } = await arrivals(expect, t0, 15_000);
    process.send!({ cmd: "probe", status: res.status, late, delays });
  } else if (msg.cmd === "final") {
    const { late } = await arrivals(msg.expect, performance.now(), 15_000);
    process.send!({ cmd: "final", missed: late, counts: [...new Set(watchers.map((w) => w.count))].slice(0, 5) });
  } else if (msg.cmd === "close") {
    for (const w of watchers) w.socket.destroy();
    watchers.length = 0;
    process.send!({ cmd: "close" });
  }
});
