-- DropIndex
DROP INDEX "Notification_state_nextAttemptAt_id_idx";

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "frozen" TEXT;

-- A batch frozen before this migration keeps its emails byte for byte: they move out of the payload.
UPDATE "Notification" SET "frozen" = json_extract("payload", '$.out'), "payload" = json_remove("payload", '$.out')
WHERE json_type("payload", '$.out') = 'object';
