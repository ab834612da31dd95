// The person's own data: download all of it, or delete the account. Both act on the signed-in user
// alone; nothing in the request can name anyone else.
import { format } from "date-fns/format";
import { errorsFor, json, router, routesTagged } from "../http/openapi.ts";
import { requireUser } from "../http/middleware.ts";
import { MyDataExport } from "../contract/privacy-schemas.ts";
import { clock } from "../clock.ts";
import { clearSessionCookie } from "../auth/session-cookie.ts";
import { exportMyData } from "./export-my-data.ts";
import { deleteAccount } from "./delete-account.ts";

const route = routesTagged("me");

const exportRoute = route("get", "/me/export", "Everything Quorum holds about me, as a JSON download", {
  responses: { 200: json(MyDataExport, "My data (Content-Disposition: attachment)"), ...errorsFor(401) },
});

const deleteRoute = route(
  "delete",
  "/me",
  "Delete my account: every session ends; open commitments and waitlist places are withdrawn and open deals cancelled; " +
    "binding seats, proposed deals and reviews stay under the name \"Former member\", the email address erased",
  { responses: { 204: { description: "Deleted; the session cookie is cleared" }, ...errorsFor(401, 403) } },
);

export const privacyRoutes = router()
  .openapi(exportRoute, async (c) => {
    const { id } = requireUser(c);
    const data = await exportMyData(c.get("deps"), { userId: id, sessionToken: c.get("sessionToken") });
    c.header("Content-Disposition", `attachment; filename="quorum-my-data-${format(clock.now(), "yyyy-MM-dd")}.json"`);
    return c.json(data, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { id } = requireUser(c);
    await deleteAccount(c.get("deps"), { userId: id });
    clearSessionCookie(c);
    return c.body(null, 204);
  });
