-- AlterTable
ALTER TABLE "SignInToken" ADD COLUMN "returnTo" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "blockedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "deletedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "nameChosenAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "timeZone" TEXT;

-- CreateTable
CREATE TABLE "RateCounter" (
    "key" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,

    PRIMARY KEY ("key", "windowStart")
);

-- CreateTable
CREATE TABLE "DealOption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dealId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "departsOn" TEXT,
    "returnsOn" TEXT,
    "seatsCommitted" INTEGER NOT NULL DEFAULT 0,
    "seatsWaitlisted" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "DealOption_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommitmentOption" (
    "commitmentId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "status" TEXT NOT NULL,

    PRIMARY KEY ("commitmentId", "optionId"),
    CONSTRAINT "CommitmentOption_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommitmentOption_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "DealOption" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DealUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dealId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "DealUpdate_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Follow" (
    "dealId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("dealId", "userId"),
    CONSTRAINT "Follow_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Follow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dealId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "initiatorId" TEXT NOT NULL,
    "rating" TEXT NOT NULL,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Review_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "commitmentId" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "remindedAt" DATETIME,
    "paidAt" DATETIME,
    "stripeSessionId" TEXT,
    "stripeSessionUrl" TEXT,
    "stripeSessionExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Payment_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payment_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dealId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Report_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Report_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModerationAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "adminId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "destination" TEXT,
    "departsOn" TEXT,
    "returnsOn" TEXT,
    "pricePerSeatCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "capacity" INTEGER,
    "maxSeatsPerCommitment" INTEGER NOT NULL,
    "deadline" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "lang" TEXT NOT NULL DEFAULT 'en',
    "softThreshold" INTEGER,
    "graceEndsAt" DATETIME,
    "goAheadAt" DATETIME,
    "winningOptionId" TEXT,
    "priceTiers" TEXT NOT NULL DEFAULT '[]',
    "finalPriceCents" INTEGER,
    "priceFinalAt" DATETIME,
    "paymentWindowHours" INTEGER NOT NULL DEFAULT 72,
    "endingSoonAt" DATETIME,
    "reviewsOpenedAt" DATETIME,
    "hiddenAt" DATETIME,
    "confirmedAt" DATETIME,
    "confirmedByCommitmentId" TEXT,
    "closedAt" DATETIME,
    "seatsCommitted" INTEGER NOT NULL DEFAULT 0,
    "seatsWaitlisted" INTEGER NOT NULL DEFAULT 0,
    "participantCount" INTEGER NOT NULL DEFAULT 0,
    "nextPosition" INTEGER NOT NULL DEFAULT 1,
    "initiatorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Deal_initiatorId_fkey" FOREIGN KEY ("initiatorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Deal" ("capacity", "closedAt", "confirmedAt", "confirmedByCommitmentId", "createdAt", "currency", "deadline", "departsOn", "description", "destination", "id", "initiatorId", "kind", "maxSeatsPerCommitment", "nextPosition", "participantCount", "pricePerSeatCents", "returnsOn", "seatsCommitted", "seatsWaitlisted", "status", "threshold", "title") SELECT "capacity", "closedAt", "confirmedAt", "confirmedByCommitmentId", "createdAt", "currency", "deadline", "departsOn", "description", "destination", "id", "initiatorId", "kind", "maxSeatsPerCommitment", "nextPosition", "participantCount", "pricePerSeatCents", "returnsOn", "seatsCommitted", "seatsWaitlisted", "status", "threshold", "title" FROM "Deal";
DROP TABLE "Deal";
ALTER TABLE "new_Deal" RENAME TO "Deal";
CREATE INDEX "Deal_status_deadline_id_idx" ON "Deal"("status", "deadline", "id");
CREATE INDEX "Deal_status_confirmedAt_id_idx" ON "Deal"("status", "confirmedAt", "id");
CREATE INDEX "Deal_status_createdAt_id_idx" ON "Deal"("status", "createdAt", "id");
CREATE INDEX "Deal_initiatorId_createdAt_idx" ON "Deal"("initiatorId", "createdAt");
CREATE INDEX "Deal_createdAt_id_idx" ON "Deal"("createdAt", "id");
CREATE INDEX "Deal_status_graceEndsAt_idx" ON "Deal"("status", "graceEndsAt");
CREATE INDEX "Deal_visibility_status_deadline_id_idx" ON "Deal"("visibility", "status", "deadline", "id");
CREATE TABLE "new_Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dealId" TEXT,
    "subjectId" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 10,
    "expiresAt" DATETIME,
    "userId" TEXT,
    "toEmail" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "batchKey" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "lastError" TEXT,
    "providerMessageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);
INSERT INTO "new_Notification" ("attempts", "batchKey", "claimedBy", "claimedUntil", "createdAt", "dealId", "id", "key", "kind", "lastError", "nextAttemptAt", "payload", "providerMessageId", "sentAt", "state", "toEmail", "userId") SELECT "attempts", "batchKey", "claimedBy", "claimedUntil", "createdAt", "dealId", "id", "key", "kind", "lastError", "nextAttemptAt", "payload", "providerMessageId", "sentAt", "state", "toEmail", "userId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE UNIQUE INDEX "Notification_key_key" ON "Notification"("key");
CREATE INDEX "Notification_state_priority_nextAttemptAt_id_idx" ON "Notification"("state", "priority", "nextAttemptAt", "id");
CREATE INDEX "Notification_state_nextAttemptAt_id_idx" ON "Notification"("state", "nextAttemptAt", "id");
CREATE INDEX "Notification_dealId_kind_idx" ON "Notification"("dealId", "kind");
CREATE INDEX "Notification_batchKey_idx" ON "Notification"("batchKey");
CREATE INDEX "Notification_sentAt_idx" ON "Notification"("sentAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RateCounter_expiresAt_idx" ON "RateCounter"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "DealOption_dealId_position_key" ON "DealOption"("dealId", "position");

-- CreateIndex
CREATE INDEX "CommitmentOption_optionId_status_idx" ON "CommitmentOption"("optionId", "status");

-- CreateIndex
CREATE INDEX "CommitmentOption_dealId_idx" ON "CommitmentOption"("dealId");

-- CreateIndex
CREATE INDEX "DealUpdate_dealId_createdAt_idx" ON "DealUpdate"("dealId", "createdAt");

-- CreateIndex
CREATE INDEX "Follow_userId_idx" ON "Follow"("userId");

-- CreateIndex
CREATE INDEX "Review_initiatorId_createdAt_idx" ON "Review"("initiatorId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Review_dealId_reviewerId_key" ON "Review"("dealId", "reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_commitmentId_key" ON "Payment"("commitmentId");

-- CreateIndex
CREATE INDEX "Payment_status_dueAt_idx" ON "Payment"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Payment_dealId_status_idx" ON "Payment"("dealId", "status");

-- CreateIndex
CREATE INDEX "Payment_userId_idx" ON "Payment"("userId");

-- CreateIndex
CREATE INDEX "Report_createdAt_idx" ON "Report"("createdAt");

-- CreateIndex
CREATE INDEX "Report_dealId_idx" ON "Report"("dealId");

-- CreateIndex
CREATE INDEX "ModerationAction_createdAt_idx" ON "ModerationAction"("createdAt");

-- CreateIndex
CREATE INDEX "SignInToken_createdAt_idx" ON "SignInToken"("createdAt");
