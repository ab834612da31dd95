// The deal page's parts that only some viewers need, in one chunk loaded when one of them shows
// (one chunk rather than three keeps every page's list of chunks short): the viewer's own
// commitment, the question before joining a confirmed deal, and the share moment after proposing.
export { CommitmentPanel } from "./CommitmentPanel.tsx";
export { ConfirmJoin } from "./ConfirmJoin.tsx";
export { ShareLaunch } from "./ShareLaunch.tsx";
