-- A sign-in link that was sent, given up or dropped leaves the expiresAt index: the outbox's claim
-- reads that index for the links still waiting, and it held every link ever sent (issue 17).
UPDATE "Notification" SET "expiresAt" = NULL WHERE "expiresAt" IS NOT NULL AND "state" NOT IN ('pending', 'sending');
