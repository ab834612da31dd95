// The currency chooser of the propose form: every currency the API accepts, the common ones of
// Quorum's markets first, each named in the interface language.
import { For } from "solid-js";
import { currencies } from "../../../../api/contract/fields.ts";
import { INTL_TAGS } from "../../../../api/contract/lang.ts";
import { Field } from "../../components/Field.tsx";
import { lang, t } from "../../i18n/index.ts";

const COMMON = ["EUR", "GBP", "CHF", "USD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "CAD", "AUD", "JPY"];

export function CurrencySelect(props: { value: string; onChange: (code: string) => void; error?: string; locked?: boolean; label: string }) {
  const common = COMMON.filter((c) => currencies.has(c));
  const others = [...currencies].filter((c) => !COMMON.includes(c)).sort();
  const names = () => {
    try {
      return new Intl.DisplayNames(INTL_TAGS[lang()], { type: "currency" });
    } catch {
      return null;
    }
  };
  const option = (code: string) => {
    const name = names()?.of(code);
    return (
      <option value={code} selected={props.value.toUpperCase() === code}>
        {name && name !== code ? `${code} – ${name}` : code}
      </option>
    );
  };
  return (
    <Field label={props.label} error={props.error} class="field--currency">
      {(a) => (
        <select
          id={a.id}
          aria-describedby={a.describedBy}
          aria-invalid={a.invalid}
          disabled={props.locked}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        >
          <optgroup label={t("propose.currencyCommon")}>
            <For each={common}>{option}</For>
          </optgroup>
          <optgroup label={t("propose.currencyOther")}>
            <For each={others}>{option}</For>
          </optgroup>
        </select>
      )}
    </Field>
  );
}
