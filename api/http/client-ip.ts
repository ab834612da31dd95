// The client's address, decided here and nowhere else: every per-IP limit and log line uses it.
// On Node the socket's peer is the truth; a peer listed in TRUSTED_PROXIES may name the client in
// X-Forwarded-For. On Workers the platform sets cf-connecting-ip.
import type { Context } from "hono";
import type { AppEnv } from "./env.ts";
import { clientBehindProxies, isTrusted } from "./trusted-proxies.ts";

export function clientIp(c: Context<AppEnv>): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  // On Node, a cf-connecting-ip header could be forged; so could X-Forwarded-For from an untrusted peer.
  if (env?.incoming) {
    const peer = env.incoming.socket?.remoteAddress ?? "unknown";
    return clientBehindProxies(peer, c.req.header("x-forwarded-for"), c.get("deps").config.trustedProxies);
  }
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

/**
 * Whether the request came straight from a proxy listed in TRUSTED_PROXIES (Node), whose headers
 * (X-Request-Id) may be believed. On Workers the platform is the proxy, but a client's own
 * X-Request-Id passes through it, so none is believed there.
 */
export function fromTrustedProxy(c: Context<AppEnv>): boolean {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress;
  return peer !== undefined && isTrusted(c.get("deps").config.trustedProxies, peer);
}
