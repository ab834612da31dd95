// A JSON client of a local Worker (wrangler dev), shared by the Workers tests.
export type Answer = { status: number; json: any; headers: Headers };

export function client(base: string) {
  return async function api(method: string, path: string, { cookie, body }: { cookie?: string; body?: unknown } = {}): Promise<Answer> {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers };
  };
}
