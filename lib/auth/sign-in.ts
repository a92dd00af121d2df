import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { authenticateWithPassword, type SignedInUser } from "./credentials";
import { clearFailures, formatUntil, lockState, POLICIES, recordFailure, sleep } from "./throttle";

/** A refused sign-in; the message is shown in the login form as is. */
export class SignInRefusedError extends Error {
  constructor(
    message: string,
    readonly reason: "wrong" | "slowed" | "locked",
  ) {
    super(message);
  }
}

const WRONG = "Wrong email or password.";
const lockedMessage = (until: Date | null) =>
  `Too many failed sign-ins: this account is locked ${formatUntil(until)}. An admin can unlock it in Settings → Users.`;
const addressLockedMessage = (until: Date | null) =>
  `Too many failed sign-ins from your network address: sign-in is locked ${formatUntil(until)}.`;

/**
 * Email + password sign-in with throttling per account and per client address: after 5 wrong
 * passwords for an account each further one is answered slowly, the 10th locks the account
 * (SIGNIN_LOCK_MINUTES, default 15) and even the right password is refused until the lock ends
 * or an admin unlocks. Every refusal is logged and audited.
 */
export async function signInWithPassword(
  rawEmail: string,
  password: string,
  clientAddress: string,
): Promise<SignedInUser> {
  const email = rawEmail.trim().toLowerCase();
  const [account, address] = await Promise.all([
    lockState("signInAccount", email),
    lockState("signInAddress", clientAddress),
  ]);
  if (account.locked || address.locked) {
    console.warn(`tracelight: sign-in refused (locked) for ${email} from ${clientAddress}`);
    await recordAuditEvent({
      email,
      clientAddress,
      action: "auth.sign_in_refused_locked",
      outcome: "DENIED",
      target: { type: "account", id: email },
      details: { accountLocked: account.locked, addressLocked: address.locked },
    });
    throw account.locked
      ? new SignInRefusedError(lockedMessage(account.until), "locked")
      : new SignInRefusedError(addressLockedMessage(address.until), "locked");
  }

  const user = await authenticateWithPassword(email, password);
  if (user) {
    await clearFailures("signInAccount", email);
    await recordAuditEvent({
      actor: { userId: user.id, email: user.email, name: user.name, role: user.role, via: "session" },
      clientAddress,
      action: "auth.signed_in",
    });
    return user;
  }

  const [acc, addr] = await Promise.all([
    recordFailure("signInAccount", email),
    recordFailure("signInAddress", clientAddress),
  ]);
  console.warn(
    `tracelight: sign-in failed for ${email} from ${clientAddress} (${acc.failures} failures for the account, ${addr.failures} from the address)`,
  );
  await recordAuditEvent({
    email,
    clientAddress,
    action: "auth.sign_in_failed",
    outcome: "FAILURE",
    target: { type: "account", id: email },
    details: { accountFailures: acc.failures, addressFailures: addr.failures, slowed: acc.slowed || addr.slowed },
  });
  for (const [what, r] of [
    ["account", acc],
    ["address", addr],
  ] as const) {
    if (!r.justLocked) continue;
    console.warn(
      `tracelight: locked ${what} ${what === "account" ? email : clientAddress} until ${r.until?.toISOString()}`,
    );
    await recordAuditEvent({
      email,
      clientAddress,
      action: "auth.locked",
      outcome: "DENIED",
      target: { type: what, id: what === "account" ? email : clientAddress },
      details: { failures: r.failures, until: r.until?.toISOString() },
    });
  }
  if (acc.locked) throw new SignInRefusedError(lockedMessage(acc.until), "locked");
  if (addr.locked) throw new SignInRefusedError(addressLockedMessage(addr.until), "locked");
  const delay = Math.max(acc.delayMs, addr.delayMs);
  if (delay > 0) {
    // Slowed: the answer waits, so guessing gets expensive well before the lock.
    await sleep(delay);
    const left = acc.slowed ? acc.remainingBeforeLock : addr.remainingBeforeLock;
    const lockFor = Math.round(POLICIES.signInAccount().lockSec / 60);
    throw new SignInRefusedError(
      `${WRONG} Too many failed attempts: sign-in is slowed down, and after ${left} more the ${acc.slowed ? "account" : "address"} is locked for ${lockFor} minutes.`,
      "slowed",
    );
  }
  throw new SignInRefusedError(WRONG, "wrong");
}
