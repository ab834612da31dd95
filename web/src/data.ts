// How the pages read and write the API, one way for all. Every read is a router `query`, cached
// and shared by key, read with `createAsync` under a <Loaded> boundary. Every write is a
// `mutation`: its run says whether it is pending, and then its result or its error. A write puts
// what the server answered straight into the cache (`put`) and marks the lists it changed as stale,
// so nothing is asked for twice. (The router's own `action` would read every query on the page
// again after each write unless told otherwise, and costs more than this whole module.)
import { query, revalidate } from "@solidjs/router";
import { createSignal } from "solid-js";
import { api, data, type Deal } from "./api.ts";

/** A value the server just sent: into the query's cache and onto the page, without asking again. */
export function put<A extends unknown[], T extends object>(
  q: ((...args: A) => Promise<T>) & { keyFor: (...args: A) => string },
  args: A,
  value: T,
): Promise<void> {
  const key = q.keyFor(...args);
  query.set<object>(key, value);
  return revalidate(key, false);
}

/** Queries a write has changed: read again at once where they are shown, else when next shown. */
export const stale = (...queries: { key: string }[]) => void revalidate(queries.map((q) => q.key));

export interface Mutation<A extends unknown[], R> {
  /** Starts the write; resolves to its result, or to undefined when it failed (`error` says why). */
  run: (...args: A) => Promise<R | undefined>;
  readonly pending: boolean;
  readonly input: A | undefined;
  readonly result: R | undefined;
  readonly error: unknown;
  clear: () => void;
}

/** A write as a component runs it; only its latest run counts. */
export function mutation<A extends unknown[], R>(write: (...args: A) => Promise<R>): Mutation<A, R> {
  const [state, setState] = createSignal<{ input?: A; pending?: boolean; result?: R; error?: unknown }>({});
  let latest = 0;
  return {
    async run(...input) {
      const id = ++latest;
      setState({ input, pending: true });
      try {
        const result = await write(...input);
        if (id === latest) setState({ input, result });
        return result;
      } catch (error) {
        if (id === latest) setState({ input, error });
        return undefined;
      }
    },
    get pending() {
      return !!state().pending;
    },
    get input() {
      return state().input;
    },
    get result() {
      return state().result;
    },
    get error() {
      return state().error;
    },
    clear() {
      latest++;
      setState({});
    },
  };
}

// ---- the reads the app makes (a read only one area's pages make is that area's: reads.ts beside them)

const readDeal = async (id: string) => (await data(api.deals[":id"].$get({ param: { id } }))).deal;

export const getDeal = query(readDeal, "dealById");

/** A deal as the server sent it (a write's answer, a live snapshot). */
export const putDeal = (deal: Deal) => put(getDeal, [deal.id], deal);

/** Reads a deal again, for a change no event announces (its deadline passing); a failure leaves the page as it is. */
export const refreshDeal = (id: string) => readDeal(id).then(putDeal, () => undefined);

export const getDealList = query(
  (status: "open" | "confirmed", limit: number) => data(api.deals.$get({ query: { status, limit: String(limit) } })),
  "dealList",
);

export const getMyCommitments = query(() => data(api.me.commitments.$get()), "myCommitments");

export const getMyProposals = query(() => data(api.me.deals.$get()), "myProposals");

// Growing the group: the initiator's updates, newest first.
export const getUpdates = query(
  async (id: string) => (await data(api.deals[":id"].updates.$get({ param: { id } }))).items,
  "dealUpdates",
);
