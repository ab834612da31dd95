// The deal page's co-creation parts, loaded only for deals that have them (options, price tiers),
// with the rest of the messages they speak: the deal page itself stays small.
import { lazy } from "solid-js";
import { loadMoreMessages } from "../../i18n/index.ts";

const withMore = <T>(part: Promise<T>) => Promise.all([part, loadMoreMessages()]).then(([p]) => p);

export const OptionBars = lazy(() => withMore(import("./OptionBars.tsx")).then((m) => ({ default: m.OptionBars })));
export const PriceTiers = lazy(() => withMore(import("./PriceTiers.tsx")).then((m) => ({ default: m.PriceTiers })));
export const JoinOptions = lazy(() => withMore(import("./JoinOptions.tsx")).then((m) => ({ default: m.JoinOptions })));
export const ReleasedNotice = lazy(() => withMore(import("./JoinOptions.tsx")).then((m) => ({ default: m.ReleasedNotice })));
