/** Resident memory and CPU time of a process and all its descendants (Linux /proc). */
import fs from "node:fs";

function children(): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Field 4 (ppid) follows the parenthesised command name, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      out.set(ppid, [...(out.get(ppid) ?? []), Number(entry)]);
    } catch {
      // process ended meanwhile
    }
  }
  return out;
}

/** The process and its descendants. */
function tree(rootPid: number): number[] {
  const kids = children();
  const out: number[] = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(kids.get(pid) ?? []));
  }
  return out;
}

/** Resident memory of a process and all its descendants, in MB. */
export function processTreeRssMb(rootPid: number): number {
  let kb = 0;
  for (const pid of tree(rootPid)) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** CPU time (user + system) a process and its live descendants have used, in ms (clock ticks of 10 ms). */
export function processTreeCpuMs(rootPid: number): number {
  let ticks = 0;
  for (const pid of tree(rootPid)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks * 10;
}
