/** Moved to lib/assessments/agreement/types.ts so evaluation (a lower layer) can share it; kept for labeling imports. */
export * from "@/lib/assessments/agreement/types";
