// The follow button of a signed-in visitor: what following gives, whether they follow, and the
// button that switches it (FollowButton.tsx shows it; it loads with the deal page's later parts).
import type { Deal } from "../../api.ts";
import { mutation } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { Failure } from "../../components/States.tsx";
import { setFollowing } from "./grow-actions.ts";

export function FollowToggle(props: { deal: Deal }) {
  const following = mutation(setFollowing);
  const on = () => props.deal.viewerFollowing;
  return (
    <>
      <p class="field__hint" id="follow-hint" role="status">
        {on() ? t("deal.following") : t("deal.follow.hint")}
      </p>
      <button
        type="button"
        class="button button--secondary button--block"
        aria-describedby="follow-hint"
        disabled={following.pending}
        onClick={() => void following.run(props.deal, !on())}
      >
        {on() ? t("deal.unfollow") : t("deal.follow")}
      </button>
      <Failure error={following.error} />
    </>
  );
}
