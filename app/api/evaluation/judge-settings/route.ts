// GET: the judge endpoint in use (key masked). PUT: set it (admins); omit apiKey to keep the stored key, null to clear it.
import { getJudgeSettings, updateJudgeSettings } from "@/lib/evaluation/judge-settings/service";
import { ZUpdateJudgeSettingsBody } from "@/lib/evaluation/schemas";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER" }, ({ actor }) => getJudgeSettings(actor));
export const PUT = route({ role: "ADMIN", body: ZUpdateJudgeSettingsBody }, ({ actor, body }) =>
  updateJudgeSettings(actor, body),
);
