// Joining a deal: how many seats, what they cost, whether they will be waitlisted, what committing
// means (and, where the seats bind at once, a question first); or why one cannot join (closed, or
// not signed in).
import { A, useLocation } from "@solidjs/router";
import { Match, Show, Suspense, Switch } from "solid-js";
import type { Deal } from "../../api.ts";
import type { Mutation } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import { Failure } from "../../components/States.tsx";
import { ReleasedNotice } from "./co-create-lazy.ts";
import { CommitTerms } from "./CommitTerms.tsx";
import { JoinForm } from "./later-lazy.ts";

export function JoinPanel(props: {
  deal: Deal;
  joining: Mutation<[id: string, seats: number, optionIds?: string[]], unknown>;
  withdrawn: boolean;
}) {
  const d = () => props.deal;
  const location = useLocation();

  return (
    <>
      <h2 id="join-heading">{t("deal.join.title")}</h2>
      <Show when={d().viewerCommitment?.status === "released"}>
        <ReleasedNotice deal={d()} />
      </Show>
      <Show when={props.withdrawn}>
        <p role="status" class="notice">
          {t("deal.withdrawn")}
        </p>
      </Show>
      <Switch>
        <Match when={!d().joinable}>
          <p>{t("deal.join.closed")}</p>
        </Match>
        <Match when={!user()}>
          <CommitTerms deal={d()} />
          <A href={`/sign-in?next=${encodeURIComponent(`${location.pathname}?join=1`)}`} class="button button--block">
            {t("deal.join.signIn")}
          </A>
        </Match>
        <Match when={user()}>
          <Suspense>
            <JoinForm deal={d()} joining={props.joining}>
              <CommitTerms deal={d()} />
            </JoinForm>
          </Suspense>
        </Match>
      </Switch>
      <Failure error={props.joining.error} />
    </>
  );
}
