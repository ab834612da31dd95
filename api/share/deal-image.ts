// A deal's link-preview picture (Open Graph, 1200×630 PNG): its title, price, progress toward the
// threshold, deadline and state, in the viewer's language. Pure: the element tree is drawn by
// png.ts with the WebAssembly and fonts each target loads its own way (image-assets.*.ts).
import type { DealJson } from "../contract/schemas.ts";
import { INTL_TAGS, type Lang } from "../contract/lang.ts";
import { fillTemplate, formatMoney } from "../contract/format.ts";
import { formatDayRange } from "../contract/day-range.ts";
import type { Catalogue, MessageKey } from "../contract/i18n/keys.ts";
import { en } from "../contract/i18n/en.ts";
import { nl } from "../contract/i18n/nl.ts";
import { de } from "../contract/i18n/de.ts";
import { drawable, h, imageRenderer, type ImageAssets, type ImageNode, type Png, type Style } from "./png.ts";

export const IMAGE_WIDTH = 1200;
export const IMAGE_HEIGHT = 630;
/** Part of every ETag: bump it when the picture's design changes, so caches let go of the old one. */
const DESIGN_VERSION = 1;

/** What the picture shows, and so all that its ETag depends on. */
export type DealImageFields = Pick<
  DealJson,
  | "id"
  | "kind"
  | "title"
  | "destination"
  | "departsOn"
  | "returnsOn"
  | "pricePerSeatCents"
  | "currency"
  | "threshold"
  | "capacity"
  | "seatsCommitted"
  | "deadline"
  | "status"
>;

const catalogues: Record<Lang, Catalogue> = { en, nl, de };

/** The few words the picture needs that the catalogues don't have. */
const WORDS: Record<Lang, { happening: string; joinBefore: string }> = {
  en: { happening: "It's happening", joinBefore: "Join before {date}" },
  nl: { happening: "Het gaat door", joinBefore: "Doe mee vóór {date}" },
  de: { happening: "Es findet statt", joinBefore: "Mitmachen bis {date}" },
};

const COLORS = {
  ink: "#1a1f2b",
  muted: "#4a5263",
  surface: "#ffffff",
  track: "#dfe4eb",
  primary: "#1f4f8a",
  primarySoft: "#e7eef8",
  success: "#1b6b3a",
  successSoft: "#e5f3ea",
  danger: "#a3262c",
  dangerSoft: "#fdeced",
  neutral: "#6b7383",
  neutralSoft: "#eceef2",
};

/** The state's colour and its label, when the state is worth a label. */
const STATE: Record<DealJson["status"], { strong: string; soft: string; label: (lang: Lang) => string | null }> = {
  open: { strong: COLORS.primary, soft: COLORS.primarySoft, label: () => null },
  confirmed: { strong: COLORS.success, soft: COLORS.successSoft, label: (lang) => WORDS[lang].happening },
  grace: { strong: COLORS.primary, soft: COLORS.primarySoft, label: (lang) => catalogues[lang]["status.grace"] },
  failed: { strong: COLORS.danger, soft: COLORS.dangerSoft, label: (lang) => catalogues[lang]["status.failed"] },
  cancelled: { strong: COLORS.neutral, soft: COLORS.neutralSoft, label: (lang) => catalogues[lang]["status.cancelled"] },
};

/** "37 of 99 seats committed": past the threshold, the larger number decides the plural. */
function plural(lang: Lang, base: "progress.summary" | "progress.capacity", n: number): MessageKey {
  return `${base}.${new Intl.PluralRules(INTL_TAGS[lang]).select(n) === "one" ? "one" : "other"}`;
}

const formatDate = (iso: string, lang: Lang, opts: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(INTL_TAGS[lang], { ...opts, timeZone: "UTC" }).format(new Date(iso));

/** "Lisbon · 12–16 May 2027", or null for a deal with neither. */
function tripLine(deal: DealImageFields, lang: Lang): string | null {
  const dates = deal.departsOn ? formatDayRange(deal.departsOn, deal.returnsOn, lang) : null;
  const parts = [deal.destination?.trim(), dates].filter((p): p is string => !!p);
  return parts.length ? parts.join(" · ") : null;
}

/** The sentences of the picture, shared with its alt text. */
function dealImageText(deal: DealImageFields, lang: Lang) {
  const m = catalogues[lang];
  const number = new Intl.NumberFormat(INTL_TAGS[lang]);
  const price = formatMoney(deal.pricePerSeatCents, deal.currency, lang);
  const date = formatDate(deal.deadline, lang, { dateStyle: "long" });
  const joinable = deal.status === "open" || deal.status === "confirmed";
  return {
    price,
    perSeat: fillTemplate(m["card.price"], { price }),
    progress: fillTemplate(m[plural(lang, "progress.summary", Math.max(deal.threshold, deal.seatsCommitted))], {
      committed: number.format(deal.seatsCommitted),
      count: number.format(deal.threshold),
    }),
    threshold: fillTemplate(m["progress.threshold"], { count: number.format(deal.threshold) }),
    capacity:
      deal.capacity == null ? null : fillTemplate(m[plural(lang, "progress.capacity", deal.capacity)], { count: number.format(deal.capacity) }),
    deadline: joinable ? fillTemplate(WORDS[lang].joinBefore, { date }) : `${m["deal.deadline"]}: ${date}`,
    state: STATE[deal.status].label(lang),
    kind: m[deal.kind === "trip" ? "kind.trip" : "kind.deal"],
    trip: tripLine(deal, lang),
  };
}

/**
 * The picture's address for a page head. Link previews cache pictures by address, so a part of
 * it changes with the deal's state and count; the route ignores that part.
 */
export function dealImageUrl(appUrl: string, deal: DealImageFields, lang: Lang): string {
  return `${appUrl}/api/deals/${encodeURIComponent(deal.id)}/image.png?lang=${lang}&v=${deal.status}.${deal.seatsCommitted}`;
}

/** The alt text of the picture (og:image:alt): what it says, in one line. */
export function dealImageAlt(deal: DealImageFields, lang: Lang): string {
  const t = dealImageText(deal, lang);
  return [t.state, deal.title, t.trip, t.perSeat, t.progress, t.deadline].filter(Boolean).join(". ");
}

const TITLE_WIDTH = IMAGE_WIDTH - 2 * 72;
const LINE_HEIGHT = 1.15;

/**
 * The largest title size at which the title (roughly 0.6 em a character) fits in the lines there
 * is room for; the line clamp then guarantees the height whatever the estimate says.
 */
export function titleFit(title: string, withTripLine: boolean): { size: number; lines: number } {
  const room = withTripLine ? 196 : 248;
  const chars = [...title].length;
  const fit = (size: number) => ({ size, lines: Math.min(3, Math.floor(room / (size * LINE_HEIGHT))) });
  for (const size of [72, 64, 56]) {
    const f = fit(size);
    if (Math.ceil((chars * 0.6 * size) / TITLE_WIDTH) <= f.lines) return f;
  }
  return fit(50);
}

/** The picture as an element tree: a coloured band, the mark, the title, the trip, price and progress. */
export function dealImageTree(deal: DealImageFields, lang: Lang): ImageNode {
  const t = dealImageText(deal, lang);
  const state = STATE[deal.status];
  const scale = deal.capacity ?? Math.max(deal.threshold, deal.seatsCommitted, 1);
  const pct = (n: number) => `${Math.min(100, (n / scale) * 100)}%`;
  const reached = deal.seatsCommitted >= deal.threshold;
  const fill = deal.status === "open" ? (reached ? COLORS.success : COLORS.primary) : state.strong;
  const [before = "", after = ""] = t.perSeat.split(t.price);
  const tripText = t.trip ? drawable(t.trip) : "";
  const titleText = drawable(deal.title) || t.kind;
  const fit = titleFit(titleText, !!tripText);
  // One line that ends in "…" when it is too long, instead of pushing the rest off the picture.
  const oneLine: Style = { display: "block", lineClamp: 1, textOverflow: "ellipsis", overflow: "hidden", minWidth: 0 };

  const mark = h("div", { display: "flex", alignItems: "center", gap: 18 }, [
    h("div", { ...markStyle(64), fontSize: 40 }, "Q"),
    h("div", { fontSize: 36, fontWeight: 700, color: COLORS.ink }, "Quorum"),
  ]);
  const pill = h(
    "div",
    { display: "flex", padding: "10px 24px", borderRadius: 999, backgroundColor: state.soft, color: state.strong, fontSize: 30, fontWeight: 700 },
    t.state ?? t.kind,
  );
  const title = h(
    "div",
    {
      display: "block",
      marginTop: 36,
      fontSize: fit.size,
      fontWeight: 700,
      lineHeight: LINE_HEIGHT,
      color: COLORS.ink,
      lineClamp: fit.lines,
      textOverflow: "ellipsis",
      wordBreak: "break-word",
      overflow: "hidden",
    },
    titleText,
  );
  const trip = tripText ? h("div", { ...oneLine, marginTop: 14, fontSize: 32, lineHeight: 1.2, color: COLORS.muted }, tripText) : null;
  const priceRow = h("div", { display: "flex", alignItems: "flex-end", justifyContent: "space-between", gap: 32 }, [
    h("div", { display: "flex", alignItems: "baseline", flexShrink: 0, color: COLORS.ink, fontSize: 32 }, [
      ...(before ? [h("span", {}, before)] : []),
      h("span", { fontSize: 52, fontWeight: 700, color: state.strong }, t.price),
      ...(after ? [h("span", { marginLeft: 4 }, after)] : []),
    ]),
    h("div", { ...oneLine, fontSize: 30, color: COLORS.muted, paddingBottom: 6 }, t.deadline),
  ]);
  const bar = h(
    "div",
    { display: "flex", position: "relative", marginTop: 20, height: 32, borderRadius: 16, backgroundColor: COLORS.track },
    [
      h("div", { display: "flex", width: pct(deal.seatsCommitted), height: 32, borderRadius: 16, backgroundColor: fill }),
      // The threshold, where the bar does not already end at it.
      ...(deal.threshold < scale
        ? [
            h("div", {
              display: "flex",
              position: "absolute",
              left: pct(deal.threshold),
              top: -10,
              width: 6,
              height: 52,
              marginLeft: -3,
              borderRadius: 3,
              backgroundColor: COLORS.ink,
            }),
          ]
        : []),
    ],
  );
  const legend = h("div", { display: "flex", alignItems: "baseline", justifyContent: "space-between", marginTop: 16, gap: 32 }, [
    h("div", { display: "flex", flexShrink: 0, fontSize: 30, fontWeight: 700, color: COLORS.ink }, t.progress),
    h("div", { ...oneLine, fontSize: 26, color: COLORS.muted }, [t.threshold, t.capacity].filter(Boolean).join(" · ")),
  ]);

  return h(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      width: IMAGE_WIDTH,
      height: IMAGE_HEIGHT,
      backgroundColor: COLORS.surface,
      borderTop: `16px solid ${state.strong}`,
      padding: "36px 72px 44px",
      fontFamily: "Inter",
    },
    [
      h("div", { display: "flex", alignItems: "center", justifyContent: "space-between" }, [mark, pill]),
      title,
      ...(trip ? [trip] : []),
      h("div", { display: "flex", flexGrow: 1, minHeight: 20 }),
      priceRow,
      bar,
      legend,
    ],
  );
}

/** The Quorum mark's square, at any size: the web app's logo, in the brand's blue. */
function markStyle(size: number): Style {
  return {
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    width: size,
    height: size,
    borderRadius: size / 4,
    backgroundColor: COLORS.primary,
    color: "#ffffff",
    fontWeight: 700,
  };
}

/**
 * The mark alone, filling a square of `size`: the favicons are drawn from it (web/make-icons.ts).
 * `fullBleed` drops the rounded corners, for icons that the platform rounds itself.
 */
export function markTree(size: number, { fullBleed = false } = {}): ImageNode {
  const style = { ...markStyle(size), fontSize: Math.round(size * 0.66), fontFamily: "Inter" };
  return h("div", fullBleed ? { ...style, borderRadius: 0 } : style, "Q");
}

/** A strong ETag for the picture of this deal in this language: a hash of everything it shows. */
export async function dealImageEtag(deal: DealImageFields, lang: Lang): Promise<string> {
  const shown = [
    DESIGN_VERSION,
    lang,
    deal.id,
    deal.status,
    deal.seatsCommitted,
    deal.threshold,
    deal.capacity,
    deal.title,
    deal.kind,
    deal.pricePerSeatCents,
    deal.currency,
    deal.deadline,
    deal.destination,
    deal.departsOn,
    deal.returnsOn,
  ];
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(shown)));
  const hex = [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `"${hex}"`;
}

type DealImageRenderer = (deal: DealImageFields, lang: Lang) => Promise<Png>;

/** Renders a deal's picture. Assets load on the first call; later calls reuse them. */
export function dealImageRenderer(load: () => Promise<ImageAssets>): DealImageRenderer {
  const { png } = imageRenderer(load);
  return (deal, lang) => png(dealImageTree(deal, lang), { width: IMAGE_WIDTH, height: IMAGE_HEIGHT });
}
