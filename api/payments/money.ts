// Money on its way to Stripe. Quorum keeps every amount as an integer in the currency's minor unit
// as Intl counts it (format.ts: EUR cents, JPY yen); Stripe's unit_amount is in Stripe's minor
// unit. The two agree for Stripe's zero-decimal currencies (JPY, KRW, ...) and for the common
// two-decimal ones; where Stripe has its own rules (ISK and HUF as two-decimal amounts divisible
// by 100, TWD and UGX likewise, three-decimal currencies ending in 0), a deal is refused at
// proposal time instead of charging the wrong amount.
import { AppError } from "../errors.ts";
import { currencyDigits } from "../contract/format.ts";

/** Stripe's zero-decimal currencies (docs.stripe.com/currencies#zero-decimal). */
const STRIPE_ZERO_DECIMAL = new Set(["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "VND", "VUV", "XAF", "XOF", "XPF"]);
/** Currencies whose amounts Stripe writes differently from their ISO minor unit, or with extra rules. */
const STRIPE_SPECIAL = new Set(["ISK", "HUF", "TWD", "UGX", "BHD", "JOD", "KWD", "OMR", "TND"]);

const stripeDigits = (currency: string) => (STRIPE_ZERO_DECIMAL.has(currency) ? 0 : 2);

/** Whether Quorum can ask for money in this currency through Stripe without converting amounts. */
export function isPayableCurrency(currency: string): boolean {
  const c = currency.toUpperCase();
  return !STRIPE_SPECIAL.has(c) && currencyDigits(c) === stripeDigits(c);
}

/** Refuses a proposal or edit in a currency Stripe would charge a different amount in. */
export function assertPayableCurrency(currency: string): void {
  if (isPayableCurrency(currency)) return;
  throw new AppError("CURRENCY_NOT_PAYABLE", `Payments in ${currency.toUpperCase()} are not supported; choose another currency such as EUR.`, {
    issues: [{ path: "currency", message: "Payments in this currency are not supported" }],
  });
}

/** An amount in Quorum's minor unit as Stripe's unit_amount; only for a payable currency. */
export function stripeUnitAmount(minor: number, currency: string): number {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new Error(`not an amount in minor units: ${minor}`);
  if (!isPayableCurrency(currency)) throw new Error(`not a payable currency: ${currency}`);
  return minor * 10 ** (stripeDigits(currency.toUpperCase()) - currencyDigits(currency.toUpperCase()));
}
