import type { SessionProgressDto } from "@/lib/labeling/types";

/** Items done / in progress / left, and the same per reviewer. */
export function SessionProgress({ progress }: { progress: SessionProgressDto }) {
  const { totalItems: total, done, inProgress: inProgress, left } = progress;
  const w = (n: number) => `${total ? (100 * n) / total : 0}%`;
  return (
    <div data-testid="session-progress" className="flex flex-col gap-3">
      <div className="flex h-2 overflow-hidden rounded bg-slate-200" aria-hidden>
        <div className="bg-emerald-500" style={{ width: w(done) }} />
        <div className="bg-amber-400" style={{ width: w(inProgress) }} />
      </div>
      <p className="text-sm text-slate-700">
        <b>{done}</b> done · <b>{inProgress}</b> in progress · <b>{left}</b> left of {total} item
        {total === 1 ? "" : "s"} ({progress.labelsPerItem} reviewer{progress.labelsPerItem === 1 ? "" : "s"} per item)
      </p>
      {progress.reviewers.length ? (
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1">Reviewer</th>
              <th>Labeled</th>
              <th>In progress</th>
              <th>Skipped</th>
            </tr>
          </thead>
          <tbody>
            {progress.reviewers.map((r) => (
              <tr key={r.userId} className="border-t border-slate-100">
                <td className="py-1">
                  {r.email}
                  {r.assigned ? "" : <span className="ml-1 text-xs text-slate-500">(not assigned)</span>}
                </td>
                <td>{r.completed}</td>
                <td>{r.inProgress}</td>
                <td>{r.skipped}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-500">
          No reviewers assigned: assign some or open the session to all reviewers.
        </p>
      )}
    </div>
  );
}
