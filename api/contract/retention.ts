// How long personal data is kept, which the sweep's purge keeps to (api/users/purge-personal-data.ts)
// and the /privacy page states in words; and the name a deleted member goes by. No zod here: the
// web app's privacy page imports it.
/** How long personal data is kept once it has done its job (api/users/purge-personal-data.ts). */
export const RETENTION = {
  /** A session's life (api/auth/tokens.ts); the purge deletes it once expired. */
  sessionDays: 30,
  /** The per-address sign-in counters' window (api/http/rate-limit.ts); the purge deletes them after it. */
  signInLimitMinutes: 15,
  signInTokenHours: 24,
  notificationDays: 90,
  devMailboxDays: 7,
} as const;

/** A deleted member's display name: stored in their place, so every page that shows a name shows this. */
export const FORMER_MEMBER = "Former member";
