// What a viewer does on a deal page: join and withdraw; and in grace, the initiator goes ahead or cancels. Each answer carries the deal as it now
// stands, which goes straight onto the page; the lists it changed are read again when next shown.
import { api, data } from "../../api.ts";
import { getDealList, getMyCommitments, getMyProposals, putDeal, stale } from "../../data.ts";

export async function joinDeal(id: string, seats: number, optionIds?: string[]) {
  const answer = await data(api.deals[":id"].commitments.$post({ param: { id }, json: optionIds ? { seats, optionIds } : { seats } }));
  await putDeal(answer.deal);
  stale(getMyCommitments, getDealList);
  return answer;
}

export async function withdrawDeal(id: string) {
  const { deal } = await data(api.deals[":id"].commitments.mine.$delete({ param: { id } }));
  await putDeal(deal);
  stale(getMyCommitments, getDealList);
  return deal;
}

/** In grace, the initiator goes ahead, once, with a message to everyone taking part. */
export async function goAheadDeal(id: string, message: string) {
  const { deal } = await data(api.deals[":id"]["go-ahead"].$post({ param: { id }, json: { message } }));
  await putDeal(deal);
  stale(getDealList, getMyProposals);
  return deal;
}

/** The initiator cancels an open deal, or one in grace. */
export async function cancelDeal(id: string) {
  const { deal } = await data(api.deals[":id"].cancel.$post({ param: { id } }));
  await putDeal(deal);
  stale(getDealList, getMyProposals);
  return deal;
}
