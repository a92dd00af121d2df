/** Moved to lib/assessments/agreement/krippendorff.ts so adjudication (which the results read) can share it without a folder cycle. */
export * from "@/lib/assessments/agreement/krippendorff";
