// GET/PUT /api/security/allowed-hosts: internal hosts and ranges the server may call (admins; see lib/security/url-guard.ts).
import { route } from "@/lib/http/route";
import { getAllowedHosts, setAllowedHosts } from "@/lib/allowed-hosts/service";
import { ZAllowedHostsBody } from "@/lib/allowed-hosts/schemas";

export const GET = route({ role: "ADMIN" }, ({ actor }) => getAllowedHosts(actor));
export const PUT = route({ role: "ADMIN", body: ZAllowedHostsBody }, ({ actor, body }) => setAllowedHosts(actor, body));
