"use client";

import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-client";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import type { UserDto as UserRow } from "@/lib/users/types";

const PAGE_SIZE = 50;

/** Admins: create users or invitation links, change roles, disable accounts. */
export function UsersPanel() {
  const [users, setUsers] = useState<UserRow[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await apiFetch<{ users: UserRow[]; total: number }>(`/api/users?page=${page}&pageSize=${PAGE_SIZE}`);
    setUsers(res.users);
    setTotal(res.total);
  }, [page]);
  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
  }, [load]);

  async function run(action: () => Promise<string | null>) {
    setError(null);
    setMessage(null);
    try {
      setMessage(await action());
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function onCreate(e: React.FormEvent<HTMLFormElement>, mode: "create" | "invite") {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email"));
    const role = String(form.get("role"));
    await run(async () => {
      if (mode === "invite") {
        const res = await apiFetch<{ token: string }>("/api/invitations", { method: "POST", json: { email, role } });
        return `Invitation link for ${email}: ${window.location.origin}/invite/${res.token}`;
      }
      const res = await apiFetch<{ password?: string }>("/api/users", { method: "POST", json: { email, role } });
      return `Created ${email}. Their password (shown once): ${res.password}`;
    });
  }

  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 className="text-base font-semibold">Users</h2>
      <form className="mt-3 flex flex-wrap items-center gap-2" onSubmit={(e) => onCreate(e, "create")}>
        <input
          name="email"
          type="email"
          aria-label="Email"
          placeholder="email@example.com"
          className="w-64 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          required
        />
        <select
          name="role"
          aria-label="Role"
          defaultValue="REVIEWER"
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <Button type="submit">Create user</Button>
        <Button
          variant="secondary"
          onClick={(e) => {
            const form = (e.currentTarget as HTMLButtonElement).form!;
            if (form.reportValidity())
              onCreate({ preventDefault() {}, currentTarget: form } as React.FormEvent<HTMLFormElement>, "invite");
          }}
        >
          Create invitation link
        </Button>
      </form>
      {message ? (
        <p
          role="status"
          data-testid="users-message"
          className="mt-3 break-all rounded-md bg-emerald-50 p-2 text-sm ring-1 ring-emerald-200"
        >
          {message}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <table className="mt-4 w-full text-sm">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1">Email</th>
            <th>Name</th>
            <th>Role</th>
            <th />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.id} className={u.disabled ? "text-slate-400" : ""}>
              <td className="py-1.5">
                {u.email}
                {u.lockedUntil ? (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">locked</span>
                ) : null}
              </td>
              <td>{u.name}</td>
              <td>
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  onChange={(e) => {
                    // Read the choice now: the controlled select shows the old role again until the list reloads.
                    const role = e.target.value as Role;
                    void run(async () => {
                      await apiFetch(`/api/users/${u.id}`, { method: "PATCH", json: { role } });
                      return `${u.email} is now ${ROLE_LABELS[role]}`;
                    });
                  }}
                  className="rounded border border-slate-300 px-1 py-0.5"
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="text-right">
                {u.lockedUntil ? (
                  <Button
                    variant="ghost"
                    title={`Locked after too many failed sign-ins until ${new Date(u.lockedUntil).toLocaleTimeString()}`}
                    onClick={() =>
                      run(async () => {
                        await apiFetch(`/api/users/${u.id}/unlock`, { method: "POST", json: {} });
                        return `${u.email} is unlocked`;
                      })
                    }
                  >
                    Unlock
                  </Button>
                ) : null}
                <Button
                  variant="ghost"
                  onClick={() =>
                    run(async () => {
                      const res = await apiFetch<{ password?: string }>(`/api/users/${u.id}/password`, {
                        method: "POST",
                        json: {},
                      });
                      return `New password for ${u.email} (shown once; their sessions are signed out): ${res.password}`;
                    })
                  }
                >
                  Reset password
                </Button>
                <Button
                  variant="ghost"
                  onClick={() =>
                    run(async () => {
                      await apiFetch(`/api/users/${u.id}`, { method: "PATCH", json: { disabled: !u.disabled } });
                      return `${u.email} ${u.disabled ? "enabled" : "disabled"}`;
                    })
                  }
                >
                  {u.disabled ? "Enable" : "Disable"}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-2 flex gap-2 text-sm text-slate-600">
        {page > 1 ? (
          <Button variant="ghost" onClick={() => setPage(page - 1)}>
            Previous
          </Button>
        ) : null}
        <span className="py-1.5">{total} users</span>
        {page * PAGE_SIZE < total ? (
          <Button variant="ghost" onClick={() => setPage(page + 1)}>
            Next
          </Button>
        ) : null}
      </div>
    </section>
  );
}
