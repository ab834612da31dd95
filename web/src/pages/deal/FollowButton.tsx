// Following a deal, for someone not ready to commit (never its initiator, nor a participant, who
// hear everything anyway): a button that says what following gives, and its state.
import { A, useLocation } from "@solidjs/router";
import { Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { mutation } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import { Failure } from "../../components/States.tsx";
import { setFollowing } from "./grow-actions.ts";

export function FollowButton(props: { deal: Deal }) {
  const location = useLocation();
  const following = mutation(setFollowing);
  const on = () => props.deal.viewerFollowing;
  return (
    <div class="follow">
      <Show
        when={user()}
        fallback={
          <A href={`/sign-in?next=${encodeURIComponent(location.pathname)}`} class="button button--secondary button--block">
            {t("deal.follow.signIn")}
          </A>
        }
      >
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
      </Show>
    </div>
  );
}
