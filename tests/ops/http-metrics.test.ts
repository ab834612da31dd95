// The per-request metrics are counted in plain maps (api/ops/http-metrics.ts) but must read on
// /metrics exactly as prom-client's own Counter and Histogram print the same requests.
import { describe, expect, it } from "vitest";
import { Counter, Histogram, Registry } from "prom-client";
import { HttpMetrics } from "../../api/ops/http-metrics.ts";

const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const NAMES = { requests: "quorum_http_requests_total", durations: "quorum_http_request_duration_seconds" };
const HELP = { requests: "requests help", durations: "durations help" };

function pair() {
  const reference = new Registry();
  const counter = new Counter({ name: NAMES.requests, help: HELP.requests, labelNames: ["method", "route", "status"], registers: [reference] });
  const histogram = new Histogram({ name: NAMES.durations, help: HELP.durations, labelNames: ["route", "status"], buckets: BOUNDS, registers: [reference] });
  const ours = new Registry();
  const http = new HttpMetrics(NAMES, HELP, BOUNDS);
  for (const m of http.metrics()) ours.registerMetric(m as never);
  const record = (method: string, route: string, status: number, seconds: number) => {
    counter.inc({ method, route, status: String(status) });
    histogram.observe({ route, status: String(status) }, seconds);
    http.record(method, route, status, seconds);
  };
  return { reference, ours, record };
}

describe("the per-request metrics", () => {
  it("print exactly as prom-client's Counter and Histogram, bounds and overflow included", async () => {
    const { reference, ours, record } = pair();
    expect(await ours.metrics()).toBe(await reference.metrics()); // nothing yet
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const methods = ["GET", "POST", "DELETE"];
    const routes = ["/api/deals/:id", "/api/deals/:id/commitments", "/api/deals", "*"];
    const statuses = [200, 201, 404, 409, 500];
    for (let i = 0; i < 2000; i++) {
      // A tenth land exactly on a bound, a few above the last one.
      const seconds = i % 10 === 0 ? BOUNDS[i % BOUNDS.length]! : i % 97 === 0 ? 12 + random() : random() * random() * 3;
      record(methods[i % 3]!, routes[Math.floor(random() * routes.length)]!, statuses[Math.floor(random() * statuses.length)]!, seconds);
    }
    const text = await ours.metrics();
    expect(text).toBe(await reference.metrics());
    expect(text).toContain('quorum_http_request_duration_seconds_bucket{le="+Inf",route="/api/deals/:id",status="200"}');
  });
});
