-- DropIndex
DROP INDEX "Notification_state_priority_nextAttemptAt_id_idx";

-- CreateIndex
CREATE INDEX "Notification_claim_idx" ON "Notification"("state", "priority", "id", "nextAttemptAt", "claimedUntil", "batchKey");
