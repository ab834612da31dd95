-- DropIndex
DROP INDEX "Deal_status_confirmedAt_idx";

-- DropIndex
DROP INDEX "Deal_status_deadline_idx";

-- CreateIndex
CREATE INDEX "Deal_status_deadline_id_idx" ON "Deal"("status", "deadline", "id");

-- CreateIndex
CREATE INDEX "Deal_status_confirmedAt_id_idx" ON "Deal"("status", "confirmedAt", "id");

-- CreateIndex
CREATE INDEX "Deal_status_createdAt_id_idx" ON "Deal"("status", "createdAt", "id");
