// The viewer's part in a deal: the form to join it, or their own commitment. Joining and
// withdrawing live here, as each panel shows what the other did: "you withdrew" on the form, and
// the focus on the commitment just made.
import { Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { mutation } from "../../data.ts";
import { JoinPanel } from "./JoinPanel.tsx";
import { CommitmentPanel } from "./CommitmentPanel.tsx";
import { RemovedPanel } from "./RemovedPanel.tsx";
import { joinDeal, withdrawDeal } from "./actions.ts";

export function Participation(props: { deal: Deal; now: number }) {
  const joining = mutation(joinDeal);
  const withdrawing = mutation(withdrawDeal);
  return (
    <section class="panel participation" aria-labelledby="join-heading">
      <Show when={props.deal.viewerCommitment?.status !== "removed"} fallback={<RemovedPanel />}>
        <Show when={props.deal.viewerCommitment?.status !== "released" && props.deal.viewerCommitment} fallback={<JoinPanel deal={props.deal} joining={joining} withdrawn={!!withdrawing.result} />}>
          {(c) => (
            <CommitmentPanel
              deal={props.deal}
              commitment={c()}
              now={props.now}
              withdrawing={withdrawing}
              justJoined={joining.pending || !!joining.result}
            />
          )}
        </Show>
      </Show>
    </section>
  );
}
