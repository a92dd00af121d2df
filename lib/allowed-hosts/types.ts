/** Client-safe response types of lib/security services. */

export interface AllowedHostsDto {
  hosts: string[];
}
