// Active seats toward the threshold, with the threshold and the capacity marked on the bar.
import { Show } from "solid-js";
import { formatNumber, t, tp } from "../i18n/index.ts";

interface ProgressProps {
  threshold: number;
  capacity: number | null;
  seatsCommitted: number;
  seatsWaitlisted: number;
  /** The short form for cards: the bar and "N more seats needed" only. */
  compact?: boolean;
  /** A deal that failed or was cancelled: the seats it had, and no "N more seats needed". */
  ended?: boolean;
}

export function Progress(props: ProgressProps) {
  const scale = () => props.capacity ?? Math.max(props.threshold, props.seatsCommitted, 1);
  const pct = (n: number) => `${Math.min(100, (n / scale()) * 100)}%`;
  const needed = () => Math.max(0, props.threshold - props.seatsCommitted);
  const left = () => (props.capacity == null ? null : Math.max(0, props.capacity - props.seatsCommitted));
  // Past the threshold "4 of 3 seats committed" reads wrong: "4 seats committed (it needed 3)" (always
  // two or more seats, so one plural form).
  const summary = () => {
    const vars = { committed: props.seatsCommitted, count: formatNumber(props.threshold) };
    return props.seatsCommitted > props.threshold ? t("progress.over", vars) : tp("progress.summary", props.threshold, vars);
  };
  const neededText = () => (needed() > 0 ? tp("progress.needed", needed()) : t("progress.reached"));

  return (
    <div class="progress" classList={{ "progress--reached": needed() === 0 }}>
      <div
        class="progress__track"
        role="progressbar"
        aria-label={t("progress.label")}
        aria-valuemin={0}
        aria-valuemax={scale()}
        aria-valuenow={props.seatsCommitted}
        aria-valuetext={props.ended ? summary() : `${summary()}. ${neededText()}.`}
      >
        <div class="progress__fill" style={{ width: pct(props.seatsCommitted) }} />
        <Show when={props.capacity != null && props.threshold < scale()}>
          <div class="progress__marker progress__marker--threshold" style={{ left: pct(props.threshold) }} aria-hidden="true" />
        </Show>
        <Show when={props.capacity != null}>
          <div class="progress__marker progress__marker--capacity" aria-hidden="true" />
        </Show>
      </div>
      <p class="progress__needed">
        <Show when={!props.ended}>
          <strong>{neededText()}</strong> ·{" "}
        </Show>
        <span class="progress__summary">{summary()}</span>
      </p>
      <Show when={!props.compact}>
        <ul class="progress__legend">
          <li>
            <span class="swatch swatch--threshold" aria-hidden="true" />
            {t("progress.threshold", { count: props.threshold })}
          </li>
          <Show when={props.capacity != null}>
            <li>
              <span class="swatch swatch--capacity" aria-hidden="true" />
              {tp("progress.capacity", props.capacity ?? 0)}
              {" · "}
              {left() === 0 ? t("progress.full") : tp("progress.left", left() ?? 0)}
            </li>
          </Show>
          <Show when={props.seatsWaitlisted > 0}>
            <li>{tp("progress.waitlisted", props.seatsWaitlisted)}</li>
          </Show>
        </ul>
      </Show>
    </div>
  );
}
