// The deal page's co-creation parts (co-create.ts), loaded only for deals that have them (options,
// price tiers), with the rest of the messages they speak: the deal page itself stays small.
import { lazy } from "solid-js";
import { loadDealMessages } from "../../i18n/index.ts";

const coCreate = () => Promise.all([import("./co-create.ts"), loadDealMessages()]).then(([m]) => m);

export const OptionBars = lazy(() => coCreate().then((m) => ({ default: m.OptionBars })));
export const PriceTiers = lazy(() => coCreate().then((m) => ({ default: m.PriceTiers })));
export const ReleasedNotice = lazy(() => coCreate().then((m) => ({ default: m.ReleasedNotice })));
