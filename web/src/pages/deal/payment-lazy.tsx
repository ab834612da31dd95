// The payment panel's place on the deal page: only a viewer who was asked to pay loads its code
// and words, so the deal page stays within its budget for everyone else.
import { lazy, Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { loadMoreMessages } from "../../i18n/index.ts";

const PaymentPanel = lazy(() => Promise.all([import("./PaymentPanel.tsx"), loadMoreMessages()]).then(([m]) => ({ default: m.PaymentPanel })));

export const PaymentSlot = (props: { deal: Deal }) => (
  <Show when={props.deal.viewerCommitment?.payment}>{(p) => <PaymentPanel deal={props.deal} payment={p()} />}</Show>
);
