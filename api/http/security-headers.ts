// The security headers of every answer, in one place: the Node server and the Worker set them
// in middleware, and the web build writes them into web/dist/_headers for the static pages that
// Cloudflare serves without running the Worker. No imports, so the Vite config can load it.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};

/** Sent only over https: a browser then refuses plain http to the site for a year. */
export const HSTS = "max-age=31536000";

/** Cloudflare's static-assets `_headers` file: every path gets the headers, and HSTS. */
export function cloudflareHeadersFile(): string {
  const lines = Object.entries({ ...SECURITY_HEADERS, "Strict-Transport-Security": HSTS }).map(
    ([name, value]) => `  ${name}: ${value}`,
  );
  return `/*\n${lines.join("\n")}\n`;
}
