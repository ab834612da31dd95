// What only the manage page reads: the participants of a deal (a router query, as data.ts says
// every read is; it is here, not in data.ts, so that only the pages that read it load it).
import { query } from "@solidjs/router";
import { api, data } from "../../api.ts";

export const getParticipants = query(async (id: string) => {
  const answer = await data(api.deals[":id"].participants.$get({ param: { id }, query: { format: "json" } }));
  // The route also answers text/csv; asked for JSON, it gives { items }.
  return typeof answer === "object" && "items" in answer ? answer.items : [];
}, "participants");
