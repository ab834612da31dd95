// Proposing: the new deal goes into the cache, so its page opens without asking for it again.
import type { CreateDealInput } from "../../../../api/contract/schemas.ts";
import { api, data } from "../../api.ts";
import { getDealList, getMyProposals, putDeal, stale } from "../../data.ts";

export async function proposeDeal(body: CreateDealInput) {
  const { deal } = await data(api.deals.$post({ json: body }));
  await putDeal(deal);
  stale(getMyProposals, getDealList);
  return deal;
}
