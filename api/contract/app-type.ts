// The API's type, for hono/client in the web app. Type-only: no server code reaches the browser.
export type { AppType } from "../app.ts";
