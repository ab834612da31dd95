// The options part of joining a deal: while the group chooses, the options this person can make,
// as checkboxes; after the win, which option a new commitment counts for; and, to someone whose
// option lost, that they are released.
import { For, Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { t } from "../../i18n/index.ts";
import { optionDates } from "./OptionBars.tsx";

const winnerOf = (d: Deal) => d.options.find((o) => o.id === d.winningOptionId);

export function JoinOptions(props: { deal: Deal; picked: ReadonlySet<string>; toggle: (id: string, on: boolean) => void }) {
  return (
    <Show
      when={!props.deal.winningOptionId}
      fallback={<Show when={winnerOf(props.deal)}>{(w) => <p class="muted">{t("deal.join.winner", { option: w().label })}</p>}</Show>}
    >
      <fieldset class="field join__options" aria-describedby="join-options-hint">
        <legend>{t("deal.join.options")}</legend>
        <p class="field__hint" id="join-options-hint">
          {t("deal.join.optionsHint")}
        </p>
        <For each={props.deal.options}>
          {(o) => (
            <label class="choice">
              <input type="checkbox" checked={props.picked.has(o.id)} onChange={(e) => props.toggle(o.id, e.currentTarget.checked)} />
              <span>
                {o.label}
                <Show when={optionDates(o)}>{(dates) => <span class="muted"> · {dates()}</span>}</Show>
              </span>
            </label>
          )}
        </For>
      </fieldset>
    </Show>
  );
}

export function ReleasedNotice(props: { deal: Deal }) {
  return (
    <Show when={winnerOf(props.deal)}>
      {(w) => (
        <p role="status" class="notice">
          {t("deal.join.released", { option: w().label })}
        </p>
      )}
    </Show>
  );
}
