/** Moved to lib/assessments/agreement/cohen.ts so evaluation (judge agreement, a lower layer) can share it. */
export * from "@/lib/assessments/agreement/cohen";
