// The experiments list is for Developers: a Reviewer gets a real 403 before loading.tsx streams.
import { roleGuard } from "@/lib/http/page";

export default roleGuard("DEVELOPER", "/experiments");
