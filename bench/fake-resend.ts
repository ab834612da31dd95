// The fake Resend API the bench's paced join sends its email to (bench/run.ts), in a process of
// its own so that its work is not the server's:
// `node --import tsx bench/fake-resend.ts <port> <count port>`. It limits requests as Resend does
// by default: 2 a second (tests/setup/fake-resend.ts). Any GET on the count port answers how many
// emails it has accepted, as {"delivered": n}.
import { startFakeResend } from "../tests/setup/fake-resend.ts";
import { createServer } from "node:http";

const port = Number(process.argv[2]);
const countPort = Number(process.argv[3]);
const fake = await startFakeResend({ port, rateLimitPerSecond: 2 });
// Delivered emails are counted on a port of their own, outside the fake's API and its rate limit.
createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ delivered: fake.state.delivered.length }));
}).listen(countPort, "127.0.0.1");
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
