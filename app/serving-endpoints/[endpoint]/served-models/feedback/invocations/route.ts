// POST /serving-endpoints/<endpoint>/served-models/feedback/invocations: the old Databricks feedback-model URL, same handler.
export { POST } from "@/app/api/feedback/route";
