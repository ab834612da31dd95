// The two per-request metrics, quorum_http_requests_total and quorum_http_request_duration_seconds,
// counted in plain maps and handed to prom-client's registry as metrics of its shape, so that
// /metrics reads exactly as prom-client's own Counter and Histogram would print them
// (tests/ops/http-metrics.test.ts compares the two). Issue 17: prom-client's inc and observe check
// and hash their labels on every call; on the signed-out deal read that was ~8% of its throughput
// (alternating pairs, decision 015 finding 11). Here a request costs two map lookups by a string.

type RequestLabels = { method: string; route: string; status: string };
type DurationLabels = { route: string; status: string };

interface Requests {
  labels: RequestLabels;
  count: number;
}

interface Durations {
  labels: DurationLabels;
  count: number;
  sum: number;
  /** Observations per bucket (not cumulative), by the index of its upper bound. */
  buckets: number[];
}

/** One value of a metric as prom-client's registry formats it (its `get()` shape). */
interface Value {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

export interface RegistryMetric {
  name: string;
  help: string;
  type: "counter" | "histogram";
  aggregator: "sum";
  get(): Promise<{ name: string; help: string; type: string; values: Value[]; aggregator: "sum" }>;
  reset(): void;
}

export class HttpMetrics {
  private requests = new Map<string, Requests>();
  private durations = new Map<string, Durations>();

  constructor(
    private names: { requests: string; durations: string },
    private help: { requests: string; durations: string },
    private bounds: readonly number[],
  ) {}

  record(method: string, route: string, status: number, seconds: number): void {
    const s = String(status);
    const key = `${route} ${s}`;
    const requestKey = `${method} ${key}`;
    let r = this.requests.get(requestKey);
    if (!r) {
      r = { labels: { method, route, status: s }, count: 0 };
      this.requests.set(requestKey, r);
    }
    r.count += 1;
    let d = this.durations.get(key);
    if (!d) {
      d = { labels: { route, status: s }, count: 0, sum: 0, buckets: this.bounds.map(() => 0) };
      this.durations.set(key, d);
    }
    d.count += 1;
    d.sum += seconds;
    // prom-client's rule: the first bound at or above the value; above every bound only +Inf counts it.
    const i = this.bounds.findIndex((b) => seconds <= b);
    if (i >= 0) d.buckets[i]! += 1;
  }

  /** The two metrics, for `registry.registerMetric`. */
  metrics(): [RegistryMetric, RegistryMetric] {
    const { requests, durations } = this.names;
    return [
      registryMetric(requests, this.help.requests, "counter", this.requests, () =>
        [...this.requests.values()].map((e) => ({ labels: e.labels, value: e.count })),
      ),
      registryMetric(durations, this.help.durations, "histogram", this.durations, () =>
        [...this.durations.values()].flatMap((e) => this.histogramValues(durations, e)),
      ),
    ];
  }

  private histogramValues(name: string, e: Durations): Value[] {
    let acc = 0;
    const buckets = this.bounds.map((le, i) => {
      acc += e.buckets[i]!;
      return { labels: { le, ...e.labels }, value: acc, metricName: `${name}_bucket` };
    });
    return [
      ...buckets,
      { labels: { le: "+Inf", ...e.labels }, value: e.count, metricName: `${name}_bucket` },
      { labels: { ...e.labels }, value: e.sum, metricName: `${name}_sum` },
      { labels: { ...e.labels }, value: e.count, metricName: `${name}_count` },
    ];
  }
}

function registryMetric(
  name: string,
  help: string,
  type: RegistryMetric["type"],
  entries: Map<string, unknown>,
  values: () => Value[],
): RegistryMetric {
  return {
    name,
    help,
    type,
    aggregator: "sum",
    get: async () => ({ name, help, type, aggregator: "sum", values: values() }),
    reset: () => entries.clear(),
  };
}
