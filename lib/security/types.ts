/** Response types of the feature's API (client-safe: the services return them, the browser reads them). */

export interface AllowedHostsDto {
  hosts: string[];
}
