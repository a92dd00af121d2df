-- CreateTable
CREATE TABLE "LabelingReviewOptions" (
    "sessionId" TEXT NOT NULL,
    "adjudicationEnabled" BOOLEAN NOT NULL DEFAULT false,
    "numericTolerance" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "LabelingReviewOptions_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "LabelingAdjudicator" (
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "LabelingAdjudicator_pkey" PRIMARY KEY ("sessionId","userId")
);

-- CreateTable
CREATE TABLE "LabelingAdjudication" (
    "itemId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "questions" TEXT NOT NULL,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelingAdjudication_pkey" PRIMARY KEY ("itemId")
);

-- CreateTable
CREATE TABLE "LabelingGoldAnswer" (
    "itemId" TEXT NOT NULL,
    "schemaName" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelingGoldAnswer_pkey" PRIMARY KEY ("itemId","schemaName")
);

-- CreateTable
CREATE TABLE "LabelingActiveTime" (
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "activeMs" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabelingActiveTime_pkey" PRIMARY KEY ("itemId","userId")
);

-- CreateTable
CREATE TABLE "LabelingConversationItem" (
    "itemId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,

    CONSTRAINT "LabelingConversationItem_pkey" PRIMARY KEY ("itemId")
);

-- CreateIndex
CREATE INDEX "LabelingAdjudicator_userId_idx" ON "LabelingAdjudicator"("userId");

-- CreateIndex
CREATE INDEX "LabelingAdjudication_sessionId_status_createdAt_idx" ON "LabelingAdjudication"("sessionId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "LabelingActiveTime_userId_idx" ON "LabelingActiveTime"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingConversationItem_sessionId_conversationId_key" ON "LabelingConversationItem"("sessionId", "conversationId");

-- AddForeignKey
ALTER TABLE "LabelingReviewOptions" ADD CONSTRAINT "LabelingReviewOptions_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingAdjudicator" ADD CONSTRAINT "LabelingAdjudicator_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingAdjudicator" ADD CONSTRAINT "LabelingAdjudicator_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingAdjudication" ADD CONSTRAINT "LabelingAdjudication_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingGoldAnswer" ADD CONSTRAINT "LabelingGoldAnswer_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingActiveTime" ADD CONSTRAINT "LabelingActiveTime_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingConversationItem" ADD CONSTRAINT "LabelingConversationItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
