import { z } from "zod";

/** PUT /api/security/allowed-hosts: the whole list (host names, IP addresses or CIDR ranges). */
export const ZAllowedHostsBody = z.object({
  hosts: z.array(z.string().trim().min(1).max(300)).max(200),
});
export type TAllowedHostsBody = z.infer<typeof ZAllowedHostsBody>;
