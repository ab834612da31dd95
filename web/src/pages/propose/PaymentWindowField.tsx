// Paying at the tip, when proposing: how long each participant has to pay once the deal is
// confirmed, in hours or days, within the contract's window (24 hours to 14 days, 72 by default).
import { createEffect, createMemo, createSignal } from "solid-js";
import { PAYMENT_WINDOW } from "../../../../api/contract/payment-window.ts";
import { INTL_TAGS } from "../../../../api/contract/lang.ts";
import { lang, t } from "../../i18n/index.ts";
import { Field } from "../../components/Field.tsx";

type Unit = "hour" | "day";
const PER: Record<Unit, number> = { hour: 1, day: 24 };

/** The window in hours, or null when the input is not a whole number of hours or days within the limits. */
export function windowHours(amount: string, unit: Unit): number | null {
  if (!/^\d{1,4}$/.test(amount.trim())) return null;
  const hours = Number(amount) * PER[unit];
  return hours >= PAYMENT_WINDOW.minHours && hours <= PAYMENT_WINDOW.maxHours ? hours : null;
}

// The units' names come from the browser's Intl, in the interface language: "24 hours", "14 Tage".
const unitFormat = (unit: Unit) => new Intl.NumberFormat(INTL_TAGS[lang()], { style: "unit", unit, unitDisplay: "long" });
const amountOf = (n: number, unit: Unit) => unitFormat(unit).format(n);
const unitName = (unit: Unit) =>
  unitFormat(unit)
    .formatToParts(2)
    .filter((p) => p.type === "unit")
    .map((p) => p.value)
    .join("");

/** What is wrong with the input, in words: not a whole number, or outside 24 hours to 14 days. */
function windowError(amount: string, unit: Unit): string {
  if (!/^\d{1,4}$/.test(amount.trim())) return t("validation.integer");
  return Number(amount) * PER[unit] < PAYMENT_WINDOW.minHours
    ? t("validation.min", { min: amountOf(PAYMENT_WINDOW.minHours, "hour") })
    : t("validation.max", { max: amountOf(PAYMENT_WINDOW.maxHours / 24, "day") });
}

export default function PaymentWindowField(props: { onChange: (hours: number | null) => void; submitted: boolean }) {
  const [amount, setAmount] = createSignal(String(PAYMENT_WINDOW.defaultHours));
  const [unit, setUnit] = createSignal<Unit>("hour");
  const [left, setLeft] = createSignal(false);
  const hours = createMemo(() => windowHours(amount(), unit()));
  createEffect(() => props.onChange(hours()));
  const error = () => ((props.submitted || left()) && hours() === null ? windowError(amount(), unit()) : null);

  // Switching the unit keeps the same window when it can be said in the other unit (72 hours = 3 days).
  const switchUnit = (next: Unit) => {
    const h = hours();
    if (h !== null && h % PER[next] === 0) setAmount(String(h / PER[next]));
    setUnit(next);
  };

  return (
    <Field label={t("propose.payWindow")} hint={t("propose.payWindowHint")} error={error()}>
      {(a) => (
        <div class="pay-window">
          <input
            id={a.id}
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
            type="number"
            inputmode="numeric"
            min={PAYMENT_WINDOW.minHours / PER[unit()]}
            max={PAYMENT_WINDOW.maxHours / PER[unit()]}
            step="1"
            value={amount()}
            onInput={(e) => setAmount(e.currentTarget.value)}
            onBlur={() => setLeft(true)}
          />
          <select aria-label={t("propose.payWindow")} value={unit()} onChange={(e) => switchUnit(e.currentTarget.value as Unit)}>
            <option value="hour">{unitName("hour")}</option>
            <option value="day">{unitName("day")}</option>
          </select>
        </div>
      )}
    </Field>
  );
}
