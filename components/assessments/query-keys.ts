/** Query keys of the assessments feature (the assessments themselves live in the trace detail query). */
export const assessmentKeys = {
  names: (experimentId: string) => ["assessments", "names", experimentId] as const,
};
