// An initiator's public record in one line: "3 went ahead · 1 didn't reach its goal · 92%
// positive (25 reviews)", or that they are new. Only deals that really ended count.
import { Show } from "solid-js";
import type { Deal } from "../api.ts";
import { t, tp } from "../i18n/index.ts";

type Record = Deal["initiator"]["record"];
type Reviews = Deal["initiator"]["reviews"];

export function recordLine(record: Record, reviews: Reviews): string {
  const parts: string[] = [];
  if (record.confirmed) parts.push(tp("record.confirmed", record.confirmed));
  if (record.failed) parts.push(tp("record.failed", record.failed));
  if (record.cancelled) parts.push(tp("record.cancelled", record.cancelled));
  const total = reviews.positive + reviews.neutral + reviews.negative;
  if (reviews.positivePercent !== null) parts.push(tp("record.positive", total, { percent: reviews.positivePercent }));
  return parts.length ? parts.join(" · ") : t("record.new");
}

export function InitiatorRecord(props: { initiator: Deal["initiator"] }) {
  return (
    <Show when={props.initiator.record}>
      <a class="record" href={`/users/${props.initiator.id}`}>
        {recordLine(props.initiator.record, props.initiator.reviews)}
      </a>
    </Show>
  );
}
