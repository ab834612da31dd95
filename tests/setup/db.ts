// Row counts of every table, to prove that a refused request changed nothing.
import type { TestApp } from "./harness.ts";

export async function tableCounts(app: TestApp) {
  const p = app.deps.prisma;
  const [users, sessions, signInTokens, deals, commitments, notifications] = await Promise.all([
    p.user.count(),
    p.session.count(),
    p.signInToken.count(),
    p.deal.count(),
    p.commitment.count(),
    p.notification.count(),
  ]);
  return { users, sessions, signInTokens, deals, commitments, notifications };
}

/** Counts plus every deal's counters and every commitment's state: what a request could change. */
export async function dbState(app: TestApp) {
  const p = app.deps.prisma;
  return {
    counts: await tableCounts(app),
    deals: await p.deal.findMany({ orderBy: { id: "asc" } }),
    commitments: await p.commitment.findMany({ orderBy: { id: "asc" } }),
    users: await p.user.findMany({ orderBy: { id: "asc" } }),
  };
}
