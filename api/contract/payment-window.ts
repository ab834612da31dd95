// The window to pay (paying at the tip), without zod: the web app reads these limits in the
// browser, where payment-schemas.ts (classic zod, with .meta) cannot be loaded.

/** How long a participant has to pay once asked, in hours (per deal). */
export const PAYMENT_WINDOW = { minHours: 24, maxHours: 336, defaultHours: 72, reminderBeforeHours: 24 } as const;
