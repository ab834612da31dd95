// The outbox dispatcher shares the thread that serves the joins (decision 015, finding 23): after
// each full batch it rests three times as long as its own work took (claim, render and freeze,
// record; not the transport's wait), so under a crowd it takes at most a quarter of the thread and
// the joins come first. Stopping the server ends a rest at once.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { dispatchOutbox } from "../../api/outbox/dispatch.ts";
import { backgroundLoop, type BackgroundWork } from "../../api/background.ts";
import { OUTBOX_SHARE } from "../../api/server.ts";
import type { OutgoingEmail, Transport } from "../../api/outbox/transport.ts";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { dealWithParticipants } from "../setup/factories.ts";

/** A clock that moves 10 ms each time the dispatcher reads it, and 1,000 ms in each send. */
function steppingClock() {
  let t = 0;
  return { now: () => (t += 10), wait: (ms: number) => void (t += ms) };
}

function recordingTransport(onSend: () => void = () => {}) {
  const sent: OutgoingEmail[][] = [];
  const transport: Transport = {
    name: "recording",
    maxBatch: 100,
    async send(batch) {
      onSend();
      sent.push(batch);
      return batch.map((e) => ({ ok: true as const, messageId: `m-${e.notificationId}` }));
    },
  };
  return { transport, sent };
}

/** An app whose own background work is stopped, with 250 notifications due (a deal of 249 tipped). */
async function appWith250Due() {
  const app = await createTestApp();
  await app.built.background.stop();
  await dealWithParticipants(app, 249);
  expect(await app.outbox()).toEqual({ pending: 250, sent: 0, failed: 0 });
  return app;
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe("the outbox's share of the thread", () => {
  it("rests three times its own work after each full batch, the transport's wait not counted", async () => {
    app = await appWith250Due();
    const clock = steppingClock();
    const { transport, sent } = recordingTransport(() => clock.wait(1_000));
    const rests: number[] = [];
    const total = await dispatchOutbox(app.deps, transport, {
      share: 0.25,
      now: clock.now,
      sleep: async (ms) => void rests.push(ms),
    });
    // Each batch reads the clock four times: its own work is 10 ms before the send and 10 after.
    // Two full batches are followed by more; the third (50) is not full, so no rest follows it.
    expect(rests).toEqual([60, 60]);
    expect(sent.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(total).toMatchObject({ claimed: 250, sent: 250, failed: 0 });
    expect(await app.outbox()).toEqual({ pending: 0, sent: 250, failed: 0 });
  });

  it("with the whole thread (share 1, as on Workers) never rests", async () => {
    app = await appWith250Due();
    const { transport, sent } = recordingTransport();
    const sleep = vi.fn(async () => {});
    await dispatchOutbox(app.deps, transport, { sleep });
    expect(sleep).not.toHaveBeenCalled();
    expect(sent.map((b) => b.length)).toEqual([100, 100, 50]);
  });

  it("stops after the current batch when aborted during a rest, and the rest goes out later", async () => {
    app = await appWith250Due();
    const { transport, sent } = recordingTransport();
    const stopping = new AbortController();
    const first = await dispatchOutbox(app.deps, transport, {
      share: 0.25,
      signal: stopping.signal,
      sleep: async () => stopping.abort(),
    });
    expect(first.sent).toBe(100);
    expect(await app.outbox()).toEqual({ pending: 150, sent: 100, failed: 0 });
    await dispatchOutbox(app.deps, transport, { share: 0.25, sleep: async () => {} });
    expect(sent.flat().map((e) => e.notificationId).sort((a, b) => a - b)).toHaveLength(250);
    expect(new Set(sent.flat().map((e) => e.notificationId)).size).toBe(250);
    expect(await app.outbox()).toEqual({ pending: 0, sent: 250, failed: 0 });
  });

  it("refuses a share outside (0, 1] before it claims anything", async () => {
    app = await appWith250Due();
    const { transport } = recordingTransport();
    for (const share of [0, -1, 1.5, Number.NaN]) {
      await expect(dispatchOutbox(app.deps, transport, { share })).rejects.toThrow(RangeError);
    }
    expect(await app.outbox()).toEqual({ pending: 250, sent: 0, failed: 0 });
  });
});

describe("the background loop", () => {
  it("hands the dispatcher its share and a signal that stop() aborts; a run asked for after stop() gets a live one", async () => {
    const paces: { share?: number; signal?: AbortSignal }[] = [];
    let release: () => void = () => {};
    const work: BackgroundWork = {
      async dispatch(pace) {
        paces.push(pace ?? {});
        await new Promise<void>((resolve) => {
          release = resolve;
          pace?.signal?.addEventListener("abort", () => resolve(), { once: true });
        });
        return { more: false };
      },
      async sweepAndDispatch(pace) {
        paces.push(pace ?? {});
        return { failed: 0, sent: 0, retried: 0, undeliverable: 0, more: false };
      },
    };
    const loop = backgroundLoop(work, { intervalMs: 60_000, log: { info() {}, warn() {}, error() {} } as never, outboxShare: 0.25 });
    loop.kick();
    await vi.waitFor(() => expect(paces).toHaveLength(1));
    expect(paces[0]!.share).toBe(0.25);
    expect(paces[0]!.signal!.aborted).toBe(false);
    // The dispatch is resting (it waits on its signal): stop() ends it without waiting for release.
    await loop.stop();
    expect(paces[0]!.signal!.aborted).toBe(true);
    await loop.runNow();
    expect(paces[1]!.share).toBe(0.25);
    expect(paces[1]!.signal!.aborted).toBe(false);
    release();
  });
});

describe("a run that stops at its cap", () => {
  it("says more may be due only when its last batch was full", async () => {
    app = await appWith250Due();
    const { transport } = recordingTransport();
    expect(await dispatchOutbox(app.deps, transport, { maxBatches: 2 })).toMatchObject({ sent: 200, more: true });
    expect(await dispatchOutbox(app.deps, transport, { maxBatches: 2 })).toMatchObject({ sent: 50, more: false });
    expect(await dispatchOutbox(app.deps, transport, { maxBatches: 2 })).toMatchObject({ sent: 0, more: false });
  });

  it("is followed at once by another, from a kick and from the periodic run, not left to the next interval", async () => {
    const log = { info() {}, warn() {}, error() {} } as never;
    let left = 3;
    const dispatched: string[] = [];
    const work: BackgroundWork = {
      async dispatch() {
        dispatched.push("dispatch");
        return { more: --left > 0 };
      },
      async sweepAndDispatch() {
        dispatched.push("sweep");
        return { failed: 0, sent: 100, retried: 0, undeliverable: 0, more: true };
      },
    };
    const loop = backgroundLoop(work, { intervalMs: 60_000, log });
    loop.kick();
    await vi.waitFor(() => expect(dispatched).toEqual(["dispatch", "dispatch", "dispatch"]));
    // The periodic run's answer keeps its shape; the dispatch it asked for follows.
    expect(await loop.runNow()).toEqual({ failed: 0, sent: 100, retried: 0, undeliverable: 0 });
    await vi.waitFor(() => expect(dispatched).toEqual(["dispatch", "dispatch", "dispatch", "sweep", "dispatch"]));
    await loop.stop();
  });
});

describe("the Node server's dispatcher", () => {
  let lines: Record<string, unknown>[] = [];
  beforeEach(() => {
    lines = [];
    vi.spyOn(console, "log").mockImplementation((text: unknown) => {
      if (typeof text === "string" && text.startsWith("{")) lines.push(JSON.parse(text) as Record<string, unknown>);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("keeps to a quarter of the thread: the tip's email goes out in full batches with a rest after each", async () => {
    expect(OUTBOX_SHARE).toBe(0.25);
    const app = await createTestApp({ LOG_LEVEL: "info" });
    try {
      // The tip kicks the server's own dispatcher, with the development mailbox.
      await dealWithParticipants(app, 249);
      await vi.waitFor(async () => expect((await app.outbox()).sent).toBe(250), { timeout: 10_000, interval: 20 });
      const batches = lines.filter((l) => l.msg === "outbox batch");
      expect(batches.map((b) => b.size)).toEqual([100, 100, 50]);
      expect(batches.map((b) => typeof b.restMs)).toEqual(["number", "number", "undefined"]);
      for (const b of batches.slice(0, 2)) expect(b.restMs as number).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
