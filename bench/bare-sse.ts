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
 * The deal snapshot the real server's watchers got (BARE_SNAPSHOT_FILE, written by bench/run.ts
 * from the watchers scenario), so both servers write as many bytes; its counts are raised on each
 * publish. (Until 2026-12-02 this server wrote a fixed deal-shaped JSON of its own, 568 bytes
 * against the real server's 1,013: the deal JSON had grown with wave 2.)
 */
const snapshotFile = process.env.BARE_SNAPSHOT_FILE;
if (!snapshotFile) throw new Error("bare-sse: BARE_SNAPSHOT_FILE names the deal JSON to write (bench/run.ts sets it)");
const { deal } = JSON.parse(readFileSync(snapshotFile, "utf8")) as { deal: { seatsCommitted: number; participantCount: number } };
const snapshot = () =>
  JSON.stringify({ deal: { ...deal, seatsCommitted: deal.seatsCommitted + count, participantCount: deal.participantCount + count } });

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
    res.writeHead(200, { "Content-Type": "application/json" }).end(`{"deal":{"seatsCommitted":${deal.seatsCommitted + count}}}`);
  } else if (req.url === "/health") {
    res.writeHead(200).end("ok");
  } else {
    res.writeHead(404).end();
  }
}).listen(port, "127.0.0.1", () => console.log(`bare SSE on ${port}`));
