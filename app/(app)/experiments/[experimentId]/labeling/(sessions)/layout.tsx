// The labeling sessions screen's guard: 403 below Developer, 404 for an unknown experiment, before loading.tsx streams (a route group, so the loading state is not laid over the screens below).
import { experimentGuard } from "@/lib/experiments/page-guard";

export default experimentGuard("DEVELOPER", "labeling");
