// The public profile route: anyone may read a member's record and reviews; never an email address.
import { z } from "zod";
import { errorsFor, json, router, routesTagged } from "../http/openapi.ts";
import { Profile } from "../contract/trust-schemas.ts";
import { getProfile } from "./profile.ts";

const read = routesTagged("users")("get", "/users/{id}", "A member's public profile: record as an initiator and reviews received", {
  request: { params: z.object({ id: z.string().meta({ example: "k3v9x0q2m1z8a7b6" }) }) },
  responses: { 200: json(Profile, "The profile"), ...errorsFor(404) },
});

export const userRoutes = router().openapi(read, async (c) => c.json(await getProfile(c.get("deps"), c.req.valid("param").id), 200));
