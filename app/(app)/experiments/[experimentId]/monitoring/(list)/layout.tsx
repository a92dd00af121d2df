// The monitoring screen's guard: 403 below Developer, 404 for an unknown experiment, before loading.tsx streams.
import { experimentGuard } from "@/lib/experiments/page-guard";

export default experimentGuard("DEVELOPER", "monitoring");
