// What only the development mailbox reads: the mail sent and the clock (router queries, as data.ts
// says every read is; here, not in data.ts, so that only the pages that read them load them).
import { query } from "@solidjs/router";
import { api, data } from "../../api.ts";

export const getMailbox = query((to?: string) => data(api.dev.mailbox.$get({ query: to ? { to } : {} })), "mailbox");

export const getClock = query(() => data(api.dev.clock.$get()), "devClock");
