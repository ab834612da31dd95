// Account settings both sides check alike: the path a sign-in returns to, and time zones.

/** The longest return path kept; a longer one is dropped (the user lands on the default). */
export const RETURN_PATH_MAX = 512;

/**
 * A path on this site to land on after signing in, or null. Only a relative path that starts
 * with a single "/" passes: no "//" or "\" anywhere (browsers read "/\evil" and "//evil" as
 * another host), no control characters or spaces (browsers drop tabs and newlines, which would
 * turn "/\t/evil" into "//evil"), no scheme, and not too long.
 */
export function safeReturnPath(path: unknown): string | null {
  if (typeof path !== "string" || path.length === 0 || path.length > RETURN_PATH_MAX) return null;
  if (!path.startsWith("/") || path.includes("//") || path.includes("\\")) return null;
  if ([...path].some((ch) => ch.charCodeAt(0) <= 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f))) return null;
  return path;
}

/** The longest time zone name kept (the longest IANA name is about 32 characters). */
export const TIME_ZONE_MAX = 64;

/**
 * Whether a string is an IANA time zone the runtime knows ("Europe/Amsterdam", "UTC"). Offsets
 * such as "+01:00", which newer runtimes also accept, are refused: they ignore summer time.
 */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || zone.length === 0 || zone.length > TIME_ZONE_MAX) return false;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
