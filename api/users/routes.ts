// The public profile route: anyone may read a member's record and reviews; never an email address.
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { errors, json, router } from "../http/openapi.ts";
import { Profile } from "../contract/trust-schemas.ts";
import { getProfile } from "./profile.ts";

const read = createRoute({
  method: "get",
  path: "/users/{id}",
  tags: ["users"],
  summary: "A member's public profile: record as an initiator and reviews received",
  request: { params: z.object({ id: z.string().meta({ example: "k3v9x0q2m1z8a7b6" }) }) },
  responses: { 200: json(Profile, "The profile"), 404: errors[404] },
});

export const userRoutes = router().openapi(read, async (c) => c.json(await getProfile(c.get("deps"), c.req.valid("param").id), 200));
