// The propose form's co-creation part: "Let the group choose" (2 to 5 options, each with a label
// and, for a trip, its own dates) and price tiers as a small table with a live preview.
import { For, Index, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { CO_LIMITS } from "../../../../api/contract/co-create-rules.ts";
import { t, tp } from "../../i18n/index.ts";
import { formatPrice } from "../../format.ts";
import { emptyOption, emptyTier, type OptionRow, type TierRow } from "./coCreate.ts";
import { parsePrice } from "./proposal.ts";

// The rules that check the rows, for the form (ProposeForm.tsx), which loads them with these fields.
export { coCreateFields } from "./coCreate.ts";

export function CoCreateFields(props: {
  kind: "trip" | "deal";
  currency: string;
  options: OptionRow[];
  setOptions: SetStoreFunction<OptionRow[]>;
  tiers: TierRow[];
  setTiers: SetStoreFunction<TierRow[]>;
  errors: string[];
}) {
  const preview = (row: TierRow) => {
    const cents = parsePrice(row.price, props.currency || "EUR");
    const seats = Number(row.minSeats);
    if (cents === undefined || Number.isNaN(cents) || !Number.isInteger(seats) || seats < 1) return null;
    return tp("propose.tierPreview", seats, { price: formatPrice(cents, props.currency || "EUR") });
  };
  return (
    <>
      <fieldset class="field co-create">
        <legend>{t("propose.options")}</legend>
        <p class="field__hint">{t("propose.optionsHint")}</p>
        <div class="co-rows">
          <Index each={props.options}>
            {(o, i) => (
              <div class="co-row">
                <div class="field">
                  <label for={`option-${i}`}>{t("propose.optionLabel", { n: i + 1 })}</label>
                  <input
                    id={`option-${i}`}
                    type="text"
                    maxlength={CO_LIMITS.optionLabelMax}
                    value={o().label}
                    onInput={(e) => props.setOptions(i, "label", e.currentTarget.value)}
                  />
                </div>
                <Show when={props.kind === "trip"}>
                  <div class="field">
                    <label for={`option-${i}-from`}>{t("propose.departsOn")}</label>
                    <input id={`option-${i}-from`} type="date" value={o().departsOn} onInput={(e) => props.setOptions(i, "departsOn", e.currentTarget.value)} />
                  </div>
                  <div class="field">
                    <label for={`option-${i}-to`}>{t("propose.returnsOn")}</label>
                    <input id={`option-${i}-to`} type="date" value={o().returnsOn} onInput={(e) => props.setOptions(i, "returnsOn", e.currentTarget.value)} />
                  </div>
                </Show>
                <button type="button" class="button button--secondary" onClick={() => props.setOptions((rows) => rows.filter((_, j) => j !== i))}>
                  {t("propose.remove")}
                </button>
              </div>
            )}
          </Index>
        </div>
        <Show when={props.options.length < CO_LIMITS.optionsMax}>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => props.setOptions((rows) => [...rows, ...(rows.length ? [emptyOption()] : [emptyOption(), emptyOption()])])}
          >
            {props.options.length ? t("propose.addOption") : t("propose.letGroupChoose")}
          </button>
        </Show>
      </fieldset>

      <fieldset class="field co-create">
        <legend>{t("propose.tiers")}</legend>
        <p class="field__hint">{t("propose.tiersHint")}</p>
        <div class="co-rows">
          <Index each={props.tiers}>
            {(row, i) => (
              <div class="co-row co-row--tier">
                <div class="field">
                  <label for={`tier-${i}-seats`}>{t("propose.tierSeats")}</label>
                  <input
                    id={`tier-${i}-seats`}
                    type="number"
                    inputmode="numeric"
                    min="1"
                    step="1"
                    value={row().minSeats}
                    onInput={(e) => props.setTiers(i, "minSeats", e.currentTarget.value)}
                  />
                </div>
                <div class="field">
                  <label for={`tier-${i}-price`}>{t("propose.tierPrice")}</label>
                  <input
                    id={`tier-${i}-price`}
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    value={row().price}
                    onInput={(e) => props.setTiers(i, "price", e.currentTarget.value)}
                  />
                </div>
                <button type="button" class="button button--secondary" onClick={() => props.setTiers((rows) => rows.filter((_, j) => j !== i))}>
                  {t("propose.remove")}
                </button>
                <Show when={preview(row())}>
                  {(text) => (
                    <p class="field__hint co-row__preview" aria-live="polite">
                      {text()}
                    </p>
                  )}
                </Show>
              </div>
            )}
          </Index>
        </div>
        <Show when={props.tiers.length < CO_LIMITS.tiersMax}>
          <button type="button" class="button button--secondary" onClick={() => props.setTiers((rows) => [...rows, emptyTier()])}>
            {t("propose.addTier")}
          </button>
        </Show>
      </fieldset>

      <Show when={props.errors.length}>
        <ul class="field__error co-create__errors" role="alert">
          <For each={props.errors}>{(e) => <li>{e}</li>}</For>
        </ul>
      </Show>
    </>
  );
}
