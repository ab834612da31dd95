// The pure co-creation rules the API and the web share, without zod: the limits, which price tier
// applies and what the next one is, and the cross-field checks of a proposal's options and tiers.
export const CO_LIMITS = { optionsMin: 2, optionsMax: 5, optionLabelMax: 80, tiersMax: 5 } as const;

export interface PriceTier {
  minSeats: number;
  pricePerSeatCents: number;
}

interface Priced {
  pricePerSeatCents: number;
  threshold: number;
  capacity?: number | null;
  priceTiers?: PriceTier[] | null;
  deadline: string;
}

type Issue = { path: string; message: string };

/** The cross-field rules of options and tiers in a proposal; a rule reading a field not yet known (a form's) is skipped. */
export function coCreateIssues(d: Partial<Priced> & { options?: { label: string; departsOn?: string | null; returnsOn?: string | null }[] }): Issue[] {
  const issues: Issue[] = [];
  const options = d.options ?? [];
  const labels = options.map((o) => o.label.trim().toLowerCase());
  if (new Set(labels).size !== labels.length) issues.push({ path: "options", message: "Give every option its own label" });
  options.forEach((o, i) => {
    if (o.returnsOn && !o.departsOn) issues.push({ path: `options.${i}.departsOn`, message: "Give a departure date too" });
    if (o.departsOn && o.returnsOn && o.returnsOn < o.departsOn)
      issues.push({ path: `options.${i}.returnsOn`, message: "The return date must not be before the departure date" });
    if (o.departsOn && d.deadline && o.departsOn < d.deadline.slice(0, 10))
      issues.push({ path: `options.${i}.departsOn`, message: "The departure must not be before the deadline" });
  });
  let [seats, price] = [d.threshold, d.pricePerSeatCents];
  (d.priceTiers ?? []).forEach((t, i) => {
    if (seats != null && t.minSeats <= seats)
      issues.push({ path: `priceTiers.${i}.minSeats`, message: "Each tier needs more seats than the threshold and the tier before" });
    if (d.capacity != null && t.minSeats > d.capacity)
      issues.push({ path: `priceTiers.${i}.minSeats`, message: "A tier cannot need more seats than the capacity" });
    if (price != null && t.pricePerSeatCents >= price)
      issues.push({ path: `priceTiers.${i}.pricePerSeatCents`, message: "Each tier must cost less than the price before it" });
    [seats, price] = [t.minSeats, t.pricePerSeatCents];
  });
  return issues;
}

/** The price a seat everyone pays with `activeSeats` active: the highest tier reached, for all seats. */
export function currentPrice(d: Pick<Priced, "pricePerSeatCents" | "priceTiers">, activeSeats: number): number {
  let price = d.pricePerSeatCents;
  for (const t of d.priceTiers ?? []) if (activeSeats >= t.minSeats) price = t.pricePerSeatCents;
  return price;
}

/** The next tier not yet reached, with how many seats it still needs; null when none is left. */
export function nextTier(d: Pick<Priced, "priceTiers">, activeSeats: number) {
  const t = (d.priceTiers ?? []).find((x) => x.minSeats > activeSeats);
  return t ? { minSeats: t.minSeats, pricePerSeatCents: t.pricePerSeatCents, seatsToGo: t.minSeats - activeSeats } : null;
}
