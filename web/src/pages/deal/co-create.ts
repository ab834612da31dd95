// The deal page's co-creation parts in one chunk (co-create-lazy.ts loads it for a deal that has
// options or price tiers): the options' bars and the choice when joining, and the price tiers.
export { OptionBars } from "./OptionBars.tsx";
export { PriceTiers } from "./PriceTiers.tsx";
export { JoinOptions, ReleasedNotice } from "./JoinOptions.tsx";
