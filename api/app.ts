// Builds the Hono app: middleware, the API routes, the OpenAPI document and the web pages.
// Both targets (Node and Workers) call createApp; it exports the app's type for hono/client.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Deps } from "./context.ts";
import type { AppEnv } from "./http/env.ts";
import { onError } from "./http/middleware.ts";
import { edge } from "./edge.ts";
import { ApiRouter } from "./http/router.ts";
import type { RateLimiter } from "./http/rate-limit.ts";
import { errorBody } from "./errors.ts";
import { authRoutes } from "./auth/routes.ts";
import { dealRoutes } from "./deals/routes.ts";
import { dealUpdateRoutes } from "./deals/updates-routes.ts";
import { dealEventRoutes } from "./deals/events-route.ts";
import { graceRoutes } from "./deals/grace-routes.ts";
import { removalRoutes } from "./deals/removal-routes.ts";
import { devRoutes } from "./dev/routes.ts";
import { healthRoutes } from "./health.ts";
import { moderationRoutes } from "./moderation/routes.ts";
import { dealImageRoutes } from "./share/routes.ts";
import { reviewRoutes } from "./reviews/routes.ts";
import { userRoutes } from "./users/routes.ts";
import { privacyRoutes } from "./users/privacy-routes.ts";
import { devPaymentRoutes, paymentRoutes } from "./payments/routes.ts";
import type { ImageAssets } from "./share/png.ts";
import type { Background } from "./background.ts";
import { mountMetrics } from "./ops/metrics-route.ts";
import type { PrometheusMetrics } from "./ops/prometheus.ts";

export interface RequestScope {
  deps: Deps;
  background: Background;
  limiter: RateLimiter;
}

interface AppOptions {
  /** Development routes are mounted only in development mode. */
  devMode: boolean;
  /** A request's dependencies: the same for every request on Node, made per request on Workers. */
  scope: (c: Context<AppEnv>) => RequestScope;
  /** Serves the web app for paths outside /api (Node: files from web/dist; Workers: assets). */
  web?: (app: OpenAPIHono<AppEnv>) => void;
  /** The deal pictures' WebAssembly and fonts, loaded the target's way (api/share/image-assets.*). */
  imageAssets: () => Promise<ImageAssets>;
  /** Node serves GET /metrics from this; Workers has none, and the route answers 404 there. */
  metrics?: PrometheusMetrics;
}

/** The feature routes under /api: mounted by createApp and typed for the web app as AppType. */
const featureRoutes = () =>
  new OpenAPIHono<AppEnv>()
    .route("/", authRoutes)
    .route("/", dealRoutes)
    .route("/", dealUpdateRoutes)
    .route("/", dealEventRoutes)
    .route("/", graceRoutes)
    .route("/", removalRoutes)
    .route("/", healthRoutes)
    .route("/", moderationRoutes)
    .route("/", reviewRoutes)
    .route("/", userRoutes)
    .route("/", privacyRoutes)
    .route("/", paymentRoutes);

function api(devMode: boolean, imageAssets: AppOptions["imageAssets"]) {
  const app = featureRoutes().route("/", dealImageRoutes(imageAssets));
  if (devMode) app.route("/", devRoutes()).route("/", devPaymentRoutes());
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    // The paths are relative to the /api mount; without this a client would call /deals.
    servers: [{ url: "/api" }],
    info: {
      title: "Quorum API",
      version: "1",
      description:
        "Group buying and collective charters. Errors are { error: { code, message, issues? } }. " +
        "State-changing requests must come from the app's own origin.",
    },
  });
  return app;
}

export function createApp({ devMode, scope, web, imageAssets, metrics }: AppOptions) {
  // RegExpRouter, with DESIGN's one fixed route beside a parameter filed apart (http/router.ts).
  const app = new OpenAPIHono<AppEnv>({ router: new ApiRouter() });
  // Every request's dependencies, id, checks, headers, metrics and log line, in one layer (edge.ts).
  app.use("*", edge(scope));
  app.route("/api", api(devMode, imageAssets));
  app.all("/api/*", (c) => c.json(errorBody("NOT_FOUND", "There is no such API route."), 404));
  if (metrics) mountMetrics(app, metrics);
  web?.(app);
  app.onError(onError);
  return app;
}

/** The type hono/client uses: every API route with its request and response schemas. */
export type AppType = ReturnType<typeof typedApi>;
const typedApi = () =>
  new OpenAPIHono<AppEnv>()
    .basePath("/api")
    .route("/", featureRoutes())
    // Typed only: the web app's development mailbox calls these (they answer 404 in production).
    .route("/", devRoutes())
    .route("/", devPaymentRoutes());
