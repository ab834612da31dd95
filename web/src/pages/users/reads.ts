// What only a member's public page reads: their profile (a router query, as data.ts says every read
// is; here, not in data.ts, so that only the page that reads it loads it).
import { query } from "@solidjs/router";
import { api, data } from "../../api.ts";

export const getProfile = query((id: string) => data(api.users[":id"].$get({ param: { id } })), "profile");
