-- AlterTable
ALTER TABLE "LabelingSession" ADD COLUMN "instructions" TEXT;
