// Following a deal, for someone not ready to commit (never its initiator, nor a participant, who
// hear everything anyway). A visitor from a shared link sees the way to sign in for it; the button
// itself, its state and its words load with the deal page's later parts, for those signed in.
import { A, useLocation } from "@solidjs/router";
import { Show, Suspense } from "solid-js";
import type { Deal } from "../../api.ts";
import { t } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import { FollowToggle } from "./later-lazy.ts";

export function FollowButton(props: { deal: Deal }) {
  const location = useLocation();
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
        <Suspense>
          <FollowToggle deal={props.deal} />
        </Suspense>
      </Show>
    </div>
  );
}
