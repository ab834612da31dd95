// The viewer's part in a deal: the form to join it, or their own commitment. Joining and
// withdrawing live here, as each panel shows what the other did: "you withdrew" on the form, and
// the focus on the commitment just made.
import { createEffect, lazy, Show, Suspense } from "solid-js";
import type { Deal } from "../../api.ts";
import { mutation } from "../../data.ts";
import { loadMoreMessages } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import { JoinPanel } from "./JoinPanel.tsx";
import { RemovedPanel } from "./RemovedPanel.tsx";
import { joinDeal, withdrawDeal } from "./actions.ts";

// A visitor from a shared link has no commitment: its panel (and the words of its rarer states)
// loads for those who have one, and ahead of time for anyone signed in, who may be about to.
const CommitmentPanel = lazy(() =>
  Promise.all([import("./later.ts"), loadMoreMessages()]).then(([m]) => ({ default: m.CommitmentPanel })),
);

export function Participation(props: { deal: Deal; now: number }) {
  const joining = mutation(joinDeal);
  const withdrawing = mutation(withdrawDeal);
  createEffect(() => {
    if (user()) void CommitmentPanel.preload();
  });
  return (
    <section class="panel participation" aria-labelledby="join-heading">
      <Show when={props.deal.viewerCommitment?.status !== "removed"} fallback={<RemovedPanel />}>
        <Show when={props.deal.viewerCommitment?.status !== "released" && props.deal.viewerCommitment} fallback={<JoinPanel deal={props.deal} joining={joining} withdrawn={!!withdrawing.result} />}>
          {(c) => (
            <Suspense>
              <CommitmentPanel
                deal={props.deal}
                commitment={c()}
                now={props.now}
                withdrawing={withdrawing}
                justJoined={joining.pending || !!joining.result}
              />
            </Suspense>
          )}
        </Show>
      </Show>
    </section>
  );
}
