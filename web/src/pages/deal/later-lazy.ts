// The deal page's later parts (later.ts) as the page shows them: each loads, with the catalogue's
// second part that has their words, when it first shows; for a signed-in visitor the page asks
// for them beside the deal (DealPage.tsx), as one of them (the join form, their commitment, the
// follow button, the report form) is sure to show.
import { lazy } from "solid-js";
import { loadMoreMessages } from "../../i18n/index.ts";

export const loadLater = () => Promise.all([import("./later.ts"), loadMoreMessages()]).then(([m]) => m);

export const JoinForm = lazy(() => loadLater().then((m) => ({ default: m.JoinForm })));
export const CommitmentPanel = lazy(() => loadLater().then((m) => ({ default: m.CommitmentPanel })));
export const RemovedPanel = lazy(() => loadLater().then((m) => ({ default: m.RemovedPanel })));
export const FollowToggle = lazy(() => loadLater().then((m) => ({ default: m.FollowToggle })));
export const ShareLaunch = lazy(() => loadLater().then((m) => ({ default: m.ShareLaunch })));
export const PaymentPanel = lazy(() => loadLater().then((m) => ({ default: m.PaymentPanel })));
export const ReportDeal = lazy(() => loadLater().then((m) => ({ default: m.ReportDeal })));
export const ReviewSlot = lazy(() => loadLater().then((m) => ({ default: m.ReviewSlot })));
