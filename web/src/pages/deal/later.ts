// The deal page's parts that only some viewers need, in one chunk loaded when one of them shows
// (later-lazy.ts; one chunk rather than several keeps every page's list of chunks short): a
// signed-in visitor's join form, follow button and report form, the viewer's own commitment (or
// that they were removed), payment and review, the question before joining a confirmed deal, and
// the share moment after proposing. Their words are in the catalogue's further parts (more.ts,
// deal.ts), which load with them.
export { JoinForm } from "./JoinForm.tsx";
export { CommitmentPanel } from "./CommitmentPanel.tsx";
export { RemovedPanel } from "./RemovedPanel.tsx";
export { FollowToggle } from "./FollowToggle.tsx";
export { ShareLaunch } from "./ShareLaunch.tsx";
export { PaymentPanel } from "./PaymentPanel.tsx";
export { ReportDeal } from "./ReportDeal.tsx";
export { ReviewSlot } from "./ReviewBox.tsx";
