// The ceiling of the live scenario: a bare node:http Server-Sent Events server. GET /events holds a
// stream open and sends the current snapshot; POST /publish makes the next snapshot (the real
// server's deal JSON with the count one higher), serialises it once and writes the same bytes to
// every stream.
import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";

const port = Number(process.argv[2] ?? 3203);
const streams = new Set<ServerResponse>();
let count = 0;
/**
 * The deal snapshot the real server's watchers got (BARE_SNAPSHOT_FILE, written by bench/run.ts),
 * so both servers write as many bytes; its count is raised on each publish. Without it, a
 * deal-shaped JSON of the same fields. (Until 2026-12-02 the snapshot was this fixed one, 568 bytes
 * against the real server's 1,013: the deal JSON had grown with wave 2.)
 */
const template: { deal: Record<string, unknown> } = process.env.BARE_SNAPSHOT_FILE
  ? (JSON.parse(readFileSync(process.env.BARE_SNAPSHOT_FILE, "utf8")) as { deal: Record<string, unknown> })
  : {
      deal: {
        id: "bench0000000000a",
        kind: "trip",
        title: "Bench charter",
        description: "A deal for the benchmark",
        destination: null,
        departsOn: null,
        returnsOn: null,
        pricePerSeatCents: 29500,
        currency: "EUR",
        threshold: 1000000,
        capacity: null,
        maxSeatsPerCommitment: 10,
        seatsCommitted: 0,
        seatsWaitlisted: 0,
        participantCount: 0,
        deadline: "2026-12-07T13:18:59.256Z",
        status: "open",
        confirmedAt: null,
        createdAt: "2026-11-30T13:18:59.594Z",
        initiator: { displayName: "Bench 0" },
        joinable: true,
        viewerCommitment: null,
        viewerIsInitiator: false,
      },
    };
const base = Number(template.deal.seatsCommitted ?? 0);
const snapshot = () => JSON.stringify({ deal: { ...template.deal, seatsCommitted: base + count, participantCount: base + count } });

createServer((req, res) => {
  if (req.method === "GET" && req.url === "/events") {
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store" });
    res.write(`event: deal\ndata: ${snapshot()}\n\n`);
    streams.add(res);
    res.on("close", () => streams.delete(res));
  } else if (req.method === "POST" && req.url === "/publish") {
    count++;
    const bytes = Buffer.from(`event: deal\ndata: ${snapshot()}\n\n`);
    for (const s of streams) s.write(bytes);
    res.writeHead(200, { "Content-Type": "application/json" }).end(`{"deal":{"seatsCommitted":${base + count}}}`);
  } else if (req.url === "/health") {
    res.writeHead(200).end("ok");
  } else {
    res.writeHead(404).end();
  }
}).listen(port, "127.0.0.1", () => console.log(`bare SSE on ${port}`));
