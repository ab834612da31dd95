// Following a deal from the browser: the answer goes onto the page's deal, with no read again.
import { api, data, type Deal } from "../../api.ts";
import { putDeal } from "../../data.ts";

export async function setFollowing(deal: Deal, following: boolean) {
  const param = { param: { id: deal.id } };
  const answer = await data(following ? api.deals[":id"].follow.$put(param) : api.deals[":id"].follow.$delete(param));
  await putDeal({ ...deal, viewerFollowing: answer.following });
  return answer.following;
}
