import type { Role } from "@/lib/auth/roles";

export interface NavItem {
  label: string;
  /** Builds the link; experiment sections need an experiment id. */
  href: (experimentId: string | null) => string | null;
  /** Path prefix (after the experiment) that marks the item active. */
  match: RegExp;
  minRole: Role;
}

export const NAV_ITEMS: NavItem[] = [
  {
    label: "Traces",
    href: (e) => (e ? `/experiments/${e}/traces` : null),
    match: /^\/experiments\/[^/]+\/traces/,
    minRole: "DEVELOPER",
  },
  {
    label: "Sessions",
    href: (e) => (e ? `/experiments/${e}/sessions` : null),
    match: /^\/experiments\/[^/]+\/sessions/,
    minRole: "DEVELOPER",
  },
  {
    label: "Labeling",
    href: (e) => (e ? `/experiments/${e}/labeling` : null),
    match: /^\/experiments\/[^/]+\/labeling/,
    minRole: "DEVELOPER",
  },
  {
    label: "Agents",
    href: (e) => (e ? `/experiments/${e}/agents` : null),
    match: /^\/experiments\/[^/]+\/agents/,
    minRole: "DEVELOPER",
  },
  { label: "Review", href: () => "/review", match: /^\/review/, minRole: "REVIEWER" },
  {
    label: "Evaluation",
    href: (e) => (e ? `/experiments/${e}/evaluation` : null),
    match: /^\/experiments\/[^/]+\/evaluation/,
    minRole: "DEVELOPER",
  },
  {
    label: "Monitoring",
    href: (e) => (e ? `/experiments/${e}/monitoring` : null),
    match: /^\/experiments\/[^/]+\/monitoring/,
    minRole: "DEVELOPER",
  },
  { label: "Settings", href: () => "/settings", match: /^\/settings/, minRole: "REVIEWER" },
];

/** The experiment id in a path such as /experiments/123/traces, if any. */
export function experimentIdFromPath(pathname: string): string | null {
  return /^\/experiments\/([^/]+)/.exec(pathname)?.[1] ?? null;
}
