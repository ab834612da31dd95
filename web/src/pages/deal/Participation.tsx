// The viewer's part in a deal: the form to join it, or their own commitment. Joining and
// withdrawing live here, as each panel shows what the other did: "you withdrew" on the form, and
// the focus on the commitment just made.
import { Show, Suspense } from "solid-js";
import type { Deal } from "../../api.ts";
import { mutation } from "../../data.ts";
import { JoinPanel } from "./JoinPanel.tsx";
import { joinDeal, withdrawDeal } from "./actions.ts";
// A visitor from a shared link has no commitment: its panel (and the words of its rarer states)
// loads for those who have one, with the deal for anyone signed in, who may be about to.
import { CommitmentPanel, RemovedPanel } from "./later-lazy.ts";

export function Participation(props: { deal: Deal; now: number }) {
  const joining = mutation(joinDeal);
  const withdrawing = mutation(withdrawDeal);
  return (
    <section class="panel participation" aria-labelledby="join-heading">
      <Show
        when={props.deal.viewerCommitment?.status !== "removed"}
        fallback={
          <Suspense>
            <RemovedPanel />
          </Suspense>
        }
      >
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
