// The options of a deal (the group picks the date or the place): a bar per option toward the
// threshold, the leading one marked while the group chooses, the winner highlighted once chosen.
import { For, Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { t, tp } from "../../i18n/index.ts";
import { formatDay } from "../../format.ts";
import { Progress } from "../../components/Progress.tsx";

type Option = Deal["options"][number];

export function optionDates(o: Pick<Option, "departsOn" | "returnsOn">): string | null {
  if (!o.departsOn) return null;
  return o.returnsOn ? t("deal.dateRange", { from: formatDay(o.departsOn), to: formatDay(o.returnsOn) }) : formatDay(o.departsOn);
}

export function OptionBars(props: { deal: Deal }) {
  const d = () => props.deal;
  // The leading option: the most active seats, then the first; none while nobody has committed.
  const leading = () => {
    const best = d().options.reduce<Option | null>((a, o) => (!a || o.seatsCommitted > a.seatsCommitted ? o : a), null);
    return best && best.seatsCommitted > 0 ? best.id : null;
  };
  const mark = (o: Option): "won" | "lost" | "leading" | null =>
    d().winningOptionId ? (o.id === d().winningOptionId ? "won" : "lost") : o.id === leading() && d().status === "open" ? "leading" : null;
  return (
    <section class="panel options" aria-labelledby="options-heading">
      <h2 id="options-heading">{d().winningOptionId ? t("options.chosenTitle") : t("options.title")}</h2>
      <Show when={!d().winningOptionId}>
        <p class="muted">{tp("options.hint", d().threshold)}</p>
      </Show>
      <ul class="options__list">
        <For each={d().options}>
          {(o) => (
            <li class="option" classList={{ [`option--${mark(o)}`]: mark(o) !== null }}>
              <p class="option__head">
                <strong class="option__label">{o.label}</strong>
                <Show when={optionDates(o)}>{(dates) => <span class="muted"> · {dates()}</span>}</Show>
                <Show when={mark(o)}>{(m) => <span class={`tag option__tag option__tag--${m()}`}>{t(`options.${m()}`)}</span>}</Show>
              </p>
              <Progress
                compact
                threshold={d().threshold}
                capacity={d().capacity}
                seatsCommitted={o.seatsCommitted}
                seatsWaitlisted={o.seatsWaitlisted}
              />
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
