-- Turns whose trace is gone (none are expected: the turn and its trace are written together) would fail the new foreign key.
DELETE FROM "ChatTurn" WHERE "traceId" NOT IN (SELECT "id" FROM "Trace");

-- AlterTable
ALTER TABLE "PairwisePair" ALTER COLUMN "traceIdA" DROP NOT NULL,
ALTER COLUMN "traceIdB" DROP NOT NULL;

-- AlterTable
ALTER TABLE "PairwiseSession" ADD COLUMN     "agentIdA" TEXT,
ADD COLUMN     "agentIdB" TEXT,
ADD COLUMN     "error" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'READY',
ALTER COLUMN "evaluationRunIdA" DROP NOT NULL,
ALTER COLUMN "evaluationRunIdB" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "ChatTurn" ADD CONSTRAINT "ChatTurn_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
