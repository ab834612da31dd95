// Answers written together at the end of the event loop's turn (Node only; issue 17, decision 015,
// finding 25).
//
// On loopback (the bench's wrk, or a reverse proxy on the same machine) the kernel delivers an
// answer's bytes inside the server's own write, and wakes the client that waits for them. A
// client asleep on another core costs the server a cross-core wakeup there; on a virtual machine,
// an exit to the hypervisor. A server that answers requests one at a time, each after its own
// work, pays that for nearly every answer. The answers of one turn, written one right after the
// other at its end, find the client already awake after the first: the same writes, with fewer
// wakeups.

/**
 * The releases still to run, in the order their setImmediates were scheduled (which is the order
 * they run in): each resolves its promise and leaves the front.
 */
const pending: Promise<void>[] = [];

function release(): Promise<void> {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  pending.push(promise);
  setImmediate(() => {
    pending.shift();
    resolve();
  });
  return promise;
}

/**
 * Resolves at the end of this turn of the event loop (its check phase, where setImmediate runs),
 * with the first release still to run: every answer that awaits it leaves with the others. Awaited
 * in the check phase after the last release ran, it resolves in the next turn's.
 */
export function turnEnd(): Promise<void> {
  return pending[0] ?? release();
}

/**
 * Call right after scheduling a setImmediate whose callback answers requests (the group commit,
 * db/node.ts): a release then runs after it, in the same check phase, for the answers it makes;
 * they would otherwise find no release left in this turn and wait for the next.
 */
export function answersFollow(): void {
  release();
}

type Fetch = (request: Request, env: never) => Response | Promise<Response>;

/**
 * `fetch` with every answer held until turnEnd, then handed to node-server. Holding an answer never
 * changes it, only when its bytes are written: a few µs at rest, under load at most the rest of
 * the turn that made it.
 */
export function answersAtTurnEnd<F extends Fetch>(fetch: F): F {
  return (async (request: Request, env: never) => {
    const response = await fetch(request, env);
    await turnEnd();
    return response;
  }) as F;
}
