// The deal page's later parts (later.ts) as the page shows them: each loads, with the catalogue's
// parts that have their words (the second, and the deal page's own), when it first shows;
// for a signed-in visitor the page asks for them beside the deal (DealPage.tsx), as one of them
// (the join form, their commitment, the follow button, the report form) is sure to show.
import { lazy } from "solid-js";
import { loadDealMessages } from "../../i18n/index.ts";

export const loadLater = () => Promise.all([import("./later.ts"), loadDealMessages()]).then(([m]) => m);

export const JoinForm = lazy(() => loadLater().then((m) => ({ default: m.JoinForm })));
export const CommitmentPanel = lazy(() => loadLater().then((m) => ({ default: m.CommitmentPanel })));
export const RemovedPanel = lazy(() => loadLater().then((m) => ({ default: m.RemovedPanel })));
export const FollowToggle = lazy(() => loadLater().then((m) => ({ default: m.FollowToggle })));
export const ShareLaunch = lazy(() => loadLater().then((m) => ({ default: m.ShareLaunch })));
export const PaymentPanel = lazy(() => loadLater().then((m) => ({ default: m.PaymentPanel })));
export const ReportDeal = lazy(() => loadLater().then((m) => ({ default: m.ReportDeal })));
export const ReviewSlot = lazy(() => loadLater().then((m) => ({ default: m.ReviewSlot })));
