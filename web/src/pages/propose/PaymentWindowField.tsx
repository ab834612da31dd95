// Paying at the tip, when proposing: how long each participant has to pay once the deal is
// confirmed, in hours or days, within the contract's window (24 hours to 14 days, 72 by default).
import { createEffect, createMemo, createSignal } from "solid-js";
import { PAYMENT_WINDOW } from "../../../../api/contract/payment-window.ts";
import { t } from "../../i18n/index.ts";
import { Field } from "../../components/Field.tsx";

type Unit = "hours" | "days";
const PER: Record<Unit, number> = { hours: 1, days: 24 };

/** The window in hours, or null when the input is not a whole number of hours or days within the limits. */
export function windowHours(amount: string, unit: Unit): number | null {
  if (!/^\d{1,4}$/.test(amount.trim())) return null;
  const hours = Number(amount) * PER[unit];
  return hours >= PAYMENT_WINDOW.minHours && hours <= PAYMENT_WINDOW.maxHours ? hours : null;
}

export function PaymentWindowField(props: { onChange: (hours: number | null) => void; submitted: boolean }) {
  const [amount, setAmount] = createSignal(String(PAYMENT_WINDOW.defaultHours));
  const [unit, setUnit] = createSignal<Unit>("hours");
  const [left, setLeft] = createSignal(false);
  const hours = createMemo(() => windowHours(amount(), unit()));
  createEffect(() => props.onChange(hours()));
  const error = () => ((props.submitted || left()) && hours() === null ? t("propose.payWindow.range") : null);

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
            <option value="hours">{t("propose.payWindow.hours")}</option>
            <option value="days">{t("propose.payWindow.days")}</option>
          </select>
        </div>
      )}
    </Field>
  );
}
