-- How many commitments of a deal are waitlisted, kept beside seatsWaitlisted by the same statements
-- (the join adds, recount sets): a new commitment's place on the waitlist is read from it instead of
-- counting the waitlist (issue 17; docs/decisions/012-the-join-and-the-read.md). Plain ALTER TABLE,
-- not a table rebuild, so it applies as it is on D1.
ALTER TABLE "Deal" ADD COLUMN "waitlistCount" INTEGER NOT NULL DEFAULT 0;

UPDATE "Deal" SET "waitlistCount" = (SELECT COUNT(*) FROM "Commitment" c WHERE c."dealId" = "Deal"."id" AND c."status" = 'waitlisted');
