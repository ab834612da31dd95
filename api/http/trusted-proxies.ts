// TRUSTED_PROXIES: which socket peers may tell us the client's address in X-Forwarded-For, and
// how to read that header. Every address lives in one 128-bit space (IPv4 as ::ffff:a.b.c.d), so
// 127.0.0.1/8 also matches a dual-stack socket's ::ffff:127.0.0.1.

/** An address or CIDR range from TRUSTED_PROXIES, as 16 bytes and a prefix length (0 to 128). */
interface AddressRange {
  readonly text: string;
  readonly bytes: readonly number[];
  readonly prefix: number;
}

const V4_MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function parseIPv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const p of parts) {
    // Leading zeros are refused: some parsers read them as octal.
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return null;
    bytes.push(Number(p));
  }
  return bytes;
}

function parseIPv6(text: string): number[] | null {
  let s = text.replace(/%[\w.-]+$/, ""); // a zone id (fe80::1%eth0) names an interface, not a host
  const lastColon = s.lastIndexOf(":");
  if (lastColon >= 0 && s.includes(".", lastColon)) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (!v4) return null;
    s = `${s.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 ? (halves[1] ? halves[1].split(":") : []) : null;
  if (tail !== null && head.length + tail.length > 7) return null;
  const groups = tail === null ? head : [...head, ...Array<string>(8 - head.length - tail.length).fill("0"), ...tail];
  if (groups.length !== 8) return null;
  const bytes: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  return bytes;
}

/** An IPv4 or IPv6 address as 16 bytes (IPv4 mapped into ::ffff:0:0/96), or null. */
export function parseAddress(text: string): number[] | null {
  if (text.includes(":")) return parseIPv6(text);
  const v4 = parseIPv4(text);
  return v4 && [...V4_MAPPED_PREFIX, ...v4];
}

/** The usual text of an address: dotted for IPv4 (mapped too), compressed for IPv6. */
export function formatAddress(bytes: readonly number[]): string {
  if (V4_MAPPED_PREFIX.every((b, i) => bytes[i] === b)) return bytes.slice(12).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  // The longest run of two or more zero groups becomes "::" (RFC 5952).
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(":");
  return `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.len).join(":")}`;
}

/** Parses TRUSTED_PROXIES: comma-separated addresses or CIDR ranges; reports the entries it can't read. */
export function parseTrustedProxies(list: string): { ranges: AddressRange[]; invalid: string[] } {
  const ranges: AddressRange[] = [];
  const invalid: string[] = [];
  for (const text of list.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address = "", length, extra] = text.split("/");
    const bytes = parseAddress(address);
    const v4 = !address.includes(":");
    const max = v4 ? 32 : 128;
    const prefix = length === undefined ? max : /^\d{1,3}$/.test(length) ? Number(length) : NaN;
    if (!bytes || extra !== undefined || !(prefix >= 0 && prefix <= max)) invalid.push(text);
    else ranges.push({ text, bytes, prefix: v4 ? prefix + 96 : prefix });
  }
  return { ranges, invalid };
}

function inRange(bytes: readonly number[], range: AddressRange): boolean {
  const whole = range.prefix >> 3;
  for (let i = 0; i < whole; i++) if (bytes[i] !== range.bytes[i]) return false;
  const rest = range.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (bytes[whole]! & mask) === (range.bytes[whole]! & mask);
}

export function isTrusted(ranges: readonly AddressRange[], address: string): boolean {
  const bytes = parseAddress(address);
  return bytes !== null && ranges.some((r) => inRange(bytes, r));
}

/** One X-Forwarded-For entry: an address, possibly with a port ("1.2.3.4:80", "[2001:db8::1]:443"). */
function parseForwardedEntry(entry: string): number[] | null {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(entry);
  if (bracketed) return parseIPv6(bracketed[1]!);
  const v4WithPort = /^([\d.]+):\d{1,5}$/.exec(entry);
  return parseAddress(v4WithPort ? v4WithPort[1]! : entry);
}

/**
 * The client's address. Only a trusted peer's X-Forwarded-For is read, right to left: each trusted
 * hop vouches for the address to its left, and the first untrusted one is the client. Whatever lies
 * further left was written by the client and proves nothing. An entry that is not an address ends
 * the walk at the last hop that could be vouched for, so junk never makes a fresh client.
 */
export function clientBehindProxies(peer: string, forwardedFor: string | undefined, trusted: readonly AddressRange[]): string {
  if (!forwardedFor || !isTrusted(trusted, peer)) return peer;
  let client = peer;
  const hops = forwardedFor.split(",");
  for (let i = hops.length - 1; i >= 0; i--) {
    const bytes = parseForwardedEntry(hops[i]!.trim());
    if (!bytes) return client;
    client = formatAddress(bytes);
    if (!trusted.some((r) => inRange(bytes, r))) return client;
  }
  return client;
}
