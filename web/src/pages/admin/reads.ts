// What only the administrators' page reads (router queries, as data.ts says every read is; here,
// not in data.ts, so that only the page that reads them loads them).
import { query } from "@solidjs/router";
import { api, data } from "../../api.ts";

export const getAdminReports = query(async () => (await data(api.admin.reports.$get())).items, "adminReports");

export const getAdminActions = query(async () => (await data(api.admin.actions.$get())).items, "adminActions");
