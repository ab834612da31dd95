// Growing the group in real Chromium: the initiator posts an update from the manage page (with its
// character counter) and a participant, whose deal page is open, sees it arrive without a reload;
// someone not ready to commit follows the deal on a phone-sized screen. Both pages pass axe.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { catalogues, chromiumPath, cookieOf, fill, newPerson, runAxe, screenshot, watchErrors, browserAndServer } from "./support.ts";

const m = catalogues.en;

describe.skipIf(!chromiumPath)("updates and following in the browser", () => {
  const e2e = browserAndServer();

  /** A browser profile signed in as `user` (its session cookie), at `width`. */
  async function as(user: { cookie: string }, width = 1280): Promise<Page> {
    const context = await newPerson(e2e.browser, { width, height: width < 600 ? 740 : 800 });
    e2e.contexts.push(context);
    await context.addCookies([{ ...cookieOf(user), url: e2e.server.url }]);
    return context.newPage();
  }

  it("posts an update that a participant sees live, and lets a bystander follow", { timeout: 60_000 }, async () => {
    const errors: string[] = [];
    const ines = await e2e.server.createUser({ displayName: "Ines" });
    const ada = await e2e.server.createUser({ displayName: "Ada" });
    const fay = await e2e.server.createUser({ displayName: "Fay" });
    const { deal } = await e2e.server.createDeal({ initiator: ines, threshold: 10 });
    expect((await e2e.server.join(ada, deal.id, 2)).status).toBe(201);
    expect((await e2e.server.api("POST", `/api/deals/${deal.id}/updates`, { as: ines, body: { body: "We have a quote from two airlines." } })).status).toBe(201);

    const participant = await as(ada);
    watchErrors(participant, errors);
    await participant.goto(`${e2e.server.url}/deals/${deal.id}`);
    const updates = participant.getByRole("region", { name: m["deal.updates.title"] });
    await updates.getByText("We have a quote from two airlines.").waitFor();
    // A participant does not need to follow: no button.
    expect(await participant.getByRole("button", { name: m["deal.follow"] }).count()).toBe(0);

    const initiator = await as(ines);
    watchErrors(initiator, errors);
    await initiator.goto(`${e2e.server.url}/deals/${deal.id}/manage`);
    const box = initiator.getByLabel(m["manage.updates.label"]);
    const text = "The airline confirmed the slot.\nCheck-in opens at 06:00.";
    await box.fill(text);
    await initiator.getByText(fill(m["manage.updates.count"], { count: text.length, max: "5,000" })).waitFor();
    await screenshot(initiator, "manage-update");
    await initiator.getByRole("button", { name: m["manage.updates.post"] }).click();
    await initiator.getByRole("status").filter({ hasText: m["manage.updates.posted"] }).waitFor();
    expect(await box.inputValue()).toBe("");
    // The past updates, newest first.
    const past = initiator.getByRole("region", { name: m["manage.updates.title"] }).getByRole("listitem");
    await past.first().getByText("The airline confirmed the slot.").waitFor();
    expect(await past.count()).toBe(2);

    // Live, without a reload: the newest first, line breaks kept.
    const first = updates.getByRole("listitem").first();
    await first.getByText("Check-in opens at 06:00.").waitFor({ timeout: 3_000 });
    expect(await first.locator("p").innerText()).toBe(text);
    expect(await updates.getByRole("listitem").count()).toBe(2);
    await screenshot(participant, "deal-updates");
    expect(await runAxe(participant)).toEqual([]);
    expect(await runAxe(initiator)).toEqual([]);
    await initiator.setViewportSize({ width: 360, height: 740 });
    await screenshot(initiator, "manage-update");

    const bystander = await as(fay, 360);
    watchErrors(bystander, errors);
    await bystander.goto(`${e2e.server.url}/deals/${deal.id}`);
    await bystander.getByRole("button", { name: m["deal.follow"] }).click();
    await bystander.getByRole("button", { name: m["deal.unfollow"] }).waitFor();
    await bystander.getByText(m["deal.following"]).waitFor();
    expect(await e2e.server.deps.prisma.follow.count({ where: { dealId: deal.id, userId: fay.id } })).toBe(1);
    await screenshot(bystander, "deal-following");
    expect(await runAxe(bystander)).toEqual([]);
    // It holds over a reload.
    await bystander.reload();
    await bystander.getByRole("button", { name: m["deal.unfollow"] }).waitFor();
    await bystander.getByRole("button", { name: m["deal.unfollow"] }).click();
    await bystander.getByRole("button", { name: m["deal.follow"] }).waitFor();
    expect(await e2e.server.deps.prisma.follow.count({ where: { dealId: deal.id } })).toBe(0);
    expect(errors).toEqual([]);
  });
});
