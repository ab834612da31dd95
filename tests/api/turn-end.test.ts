// Answers written together at the end of the event loop's turn (api/turn-end.ts): held until the
// check phase, handed over together, and those of a group commit in the same check phase as it.
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { betterSqliteSql } from "../../api/db/node.ts";
import { sql } from "../../api/db/sql.ts";
import { answersAtTurnEnd, turnEnd } from "../../api/turn-end.ts";

const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function port() {
  const db = new Database(":memory:");
  opened.push(db);
  db.exec(`CREATE TABLE t (x INTEGER NOT NULL)`);
  return betterSqliteSql(db);
}

/** Runs `body` in a timer's callback (the timers phase, before the turn's poll and check) and waits for `done`. */
const inTimer = (body: (log: string[]) => void, done: (log: string[]) => boolean) =>
  new Promise<string[]>((resolve) => {
    const log: string[] = [];
    setTimeout(() => body(log), 0);
    const wait = () => (done(log) ? resolve(log) : setTimeout(wait, 1));
    wait();
  });

describe("answers at the turn's end", () => {
  it("holds every answer of a turn until its check phase, and hands them over there together", async () => {
    const fetch = answersAtTurnEnd(async (request: Request) => new Response(new URL(request.url).pathname));
    const log = await inTimer(
      (log) => {
        // Scheduled before the answers are made: it runs before they leave. Scheduled from it, the
        // next turn's check phase: the answers have all left by then.
        setImmediate(() => {
          log.push("an immediate scheduled before");
          setImmediate(() => log.push("the next turn"));
        });
        for (const path of ["/a", "/b", "/c"]) {
          void fetch(new Request(`http://quorum.test${path}`)).then(async (r) => log.push(`answer ${await r.text()}`));
        }
        queueMicrotask(() => log.push("a microtask"));
      },
      (log) => log.includes("the next turn"),
    );
    expect(log).toEqual(["a microtask", "an immediate scheduled before", "answer /a", "answer /b", "answer /c", "the next turn"]);
  });

  it("hands an answer made after a group commit over in the commit's own check phase, not a turn later", async () => {
    const db = port();
    const log = await inTimer(
      (log) => {
        void db.batch([sql`INSERT INTO t (x) VALUES (1)`]).then(async () => {
          // What the join's handler does after its batch: answers, in the microtasks of the flush.
          setImmediate(() => log.push("the next turn"));
          await turnEnd();
          log.push("answer");
        });
      },
      (log) => log.length === 2,
    );
    expect(log).toEqual(["answer", "the next turn"]);
  });

  it("keeps the commit's answers in its check phase when another batch is queued there (the outbox's next step)", async () => {
    const db = port();
    const log = await inTimer(
      (log) => {
        void db.batch([sql`INSERT INTO t (x) VALUES (1)`]).then(async () => {
          // A batch queued from the check phase commits in the next turn, with a release after it.
          void db.batch([sql`INSERT INTO t (x) VALUES (2)`]).then(() => log.push("the second commit"));
          setImmediate(() => log.push("the next turn"));
          await turnEnd();
          log.push("answer");
        });
      },
      (log) => log.length === 3,
    );
    expect(log).toEqual(["answer", "the second commit", "the next turn"]);
  });
});
