// The one clock. All code reads the time here, so tests and development mode can move it.
let offsetMs = 0;

export const clock = {
  now(): Date {
    return new Date(Date.now() + offsetMs);
  },
  nowMs(): number {
    return Date.now() + offsetMs;
  },
  offsetMs(): number {
    return offsetMs;
  },
  setOffset(ms: number): void {
    offsetMs = ms;
  },
};
