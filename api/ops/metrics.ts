// The metrics port: what the edge and the use cases count. Domain code sees only this interface;
// Node fills it with prom-client (prometheus.ts), Workers with the no-op below, since a per-isolate
// registry would describe one isolate of many (docs/OPERATING.md says what to use there).
type JoinOutcome = "active" | "waitlisted" | "refused";

export interface Metrics {
  httpRequest(r: { method: string; route: string; status: number; seconds: number }): void;
  join(outcome: JoinOutcome): void;
  /** A deal reached its threshold (counted once per deal, by the step that confirmed it). */
  confirmation(): void;
  /** A sign-in link was put in the outbox. */
  signInEmail(): void;
  /** An event stream opened; the returned function closes it. */
  streamOpened(): () => void;
}

export const noMetrics: Metrics = {
  httpRequest() {},
  join() {},
  confirmation() {},
  signInEmail() {},
  streamOpened: () => () => {},
};
