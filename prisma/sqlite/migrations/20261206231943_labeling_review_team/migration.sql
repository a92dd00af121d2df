-- CreateTable
CREATE TABLE "LabelingReviewOptions" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "adjudicationEnabled" BOOLEAN NOT NULL DEFAULT false,
    "numericTolerance" REAL NOT NULL DEFAULT 0,
    CONSTRAINT "LabelingReviewOptions_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabelingAdjudicator" (
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("sessionId", "userId"),
    CONSTRAINT "LabelingAdjudicator_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabelingAdjudicator_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabelingAdjudication" (
    "itemId" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "questions" TEXT NOT NULL,
    "resolvedById" TEXT,
    "resolvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabelingAdjudication_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabelingGoldAnswer" (
    "itemId" TEXT NOT NULL,
    "schemaName" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("itemId", "schemaName"),
    CONSTRAINT "LabelingGoldAnswer_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabelingActiveTime" (
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "activeMs" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("itemId", "userId"),
    CONSTRAINT "LabelingActiveTime_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabelingConversationItem" (
    "itemId" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    CONSTRAINT "LabelingConversationItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LabelingAdjudicator_userId_idx" ON "LabelingAdjudicator"("userId");

-- CreateIndex
CREATE INDEX "LabelingAdjudication_sessionId_status_createdAt_idx" ON "LabelingAdjudication"("sessionId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "LabelingActiveTime_userId_idx" ON "LabelingActiveTime"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingConversationItem_sessionId_conversationId_key" ON "LabelingConversationItem"("sessionId", "conversationId");
