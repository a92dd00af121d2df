// POST /api/feedback/invocations: the legacy feedback request at a model-serving style path.
export { POST } from "@/app/api/feedback/route";
