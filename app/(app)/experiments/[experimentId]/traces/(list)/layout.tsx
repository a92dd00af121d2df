// The traces screen's guard: 404 for an unknown experiment, before loading.tsx streams (a route group, so the loading state is not laid over the trace page below).
import { experimentGuard } from "@/lib/experiments/page-guard";

export default experimentGuard("REVIEWER", "traces");
