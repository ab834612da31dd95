// Proposing and editing: the deal as answered goes into the cache, so its page shows it without asking again.
import type { CreateDealInput } from "../../../../api/contract/schemas.ts";
import { api, data } from "../../api.ts";
import { getDealList, getMyProposals, putDeal, stale } from "../../data.ts";

export async function proposeDeal(body: CreateDealInput) {
  const { deal } = await data(api.deals.$post({ json: body }));
  await putDeal(deal);
  stale(getMyProposals, getDealList);
  return deal;
}

/** Editing: only the changed fields are sent; the edited deal goes into the cache. */
export async function editDeal(id: string, body: Partial<CreateDealInput>) {
  const { deal } = await data(api.deals[":id"].$patch({ param: { id }, json: body }));
  await putDeal(deal);
  stale(getMyProposals, getDealList);
  return deal;
}
