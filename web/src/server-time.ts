// The server's time, as the deal pages count with it: a phone whose clock is wrong must not show
// time left next to "Did not go ahead". Every API answer's Date header says the server's time to
// the second; the difference from this device's clock is kept and added to it.
let offsetMs = 0;

/**
 * Notes the Date header of an answer just received. The header truncates to the second: its middle
 * is the best guess (the round trip is small beside a clock that is off by minutes or hours).
 * Within 1.5 s the device's own clock is trusted, as the whole seconds would only add jitter.
 */
export function noteServerDate(date: string | null, receivedAt = Date.now()): void {
  const skew = Date.parse(date ?? "") + 500 - receivedAt;
  if (skew === skew) offsetMs = Math.abs(skew) < 1_500 ? 0 : skew;
}

/** Now, by the server's clock (as far as the last answer told it). */
export const serverNow = (): number => Date.now() + offsetMs;
