-- CreateIndex
CREATE INDEX "Deal_initiatorId_status_deadline_idx" ON "Deal"("initiatorId", "status", "deadline");
