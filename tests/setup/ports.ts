// A free TCP port on 127.0.0.1, for tests that must name a port before the server starts (a child
// process, wrangler dev, or an APP_URL that has to be the server's own address).
import { createServer } from "node:net";

/** Asks the kernel for a port, closes the socket and answers the port; the caller binds it next. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
