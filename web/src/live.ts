// Live deal snapshots (and the initiator's updates, as they are posted) over Server-Sent Events,
// with reconnection. EventSource retries a dropped
// connection by itself (the server asks for 2 s); when the browser gives up (the server was down
// and answered with an error), this opens a new one, backing off up to 15 s.
import { createSignal, onCleanup, type Accessor } from "solid-js";
import type { Deal } from "./api.ts";
import type { DealUpdateJson } from "../../api/contract/schemas.ts";
import { serverNow } from "./server-time.ts";

export function liveDeal(
  url: string,
  onDeal: (deal: Deal) => void,
  onUpdate?: (update: DealUpdateJson) => void,
): { connected: Accessor<boolean> } {
  const [connected, setConnected] = createSignal(false);
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = 1_000;
  let stopped = false;

  const open = () => {
    if (stopped || typeof EventSource === "undefined") return;
    const es = new EventSource(url);
    source = es;
    es.addEventListener("deal", (event) => {
      setConnected(true);
      delay = 1_000;
      try {
        onDeal((JSON.parse((event as MessageEvent<string>).data) as { deal: Deal }).deal);
      } catch (e) {
        console.warn("unreadable deal event", e);
      }
    });
    es.addEventListener("update", (event) => {
      try {
        onUpdate?.((JSON.parse((event as MessageEvent<string>).data) as { update: DealUpdateJson }).update);
      } catch (e) {
        console.warn("unreadable update event", e);
      }
    });
    es.addEventListener("error", () => {
      setConnected(false);
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        timer = setTimeout(open, delay);
        delay = Math.min(delay * 2, 15_000);
      }
    });
  };

  const online = () => {
    if (source?.readyState === EventSource.CLOSED) {
      clearTimeout(timer);
      open();
    }
  };

  open();
  window.addEventListener("online", online);
  onCleanup(() => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
    window.removeEventListener("online", online);
  });
  return { connected };
}

/** A signal of the current time by the server's clock (a device's may be wrong), ticking every `ms`. */
export function useNow(ms = 1_000): Accessor<number> {
  const [now, setNow] = createSignal(serverNow());
  const id = setInterval(() => setNow(serverNow()), ms);
  onCleanup(() => clearInterval(id));
  return now;
}
