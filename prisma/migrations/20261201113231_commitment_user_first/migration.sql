-- One commitment per user per deal, kept by a user-first unique index that also finds a user's
-- commitments: the (userId, createdAt) index it replaces served nothing else, and a join now
-- writes one random index page instead of two (decision 015, finding 19).

-- DropIndex
DROP INDEX "Commitment_dealId_userId_key";

-- DropIndex
DROP INDEX "Commitment_userId_createdAt_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Commitment_userId_dealId_key" ON "Commitment"("userId", "dealId");
