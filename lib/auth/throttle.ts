import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { db } from "@/lib/db/client";
import { recentMap } from "./recent";

/**
 * Failure counters for sign-in, invitation acceptance and API keys, kept in the database
 * (rate-limiter-flexible's Prisma store, table RateLimit) so they hold on SQLite and PostgreSQL
 * and across several app servers: nothing lives in one process's memory.
 *
 * A key (an account or a client address) that keeps failing is first slowed (each further
 * failure answers after a growing delay) and then locked for a while; a success clears the
 * account's counter, and an admin can unlock at once.
 */
export interface ThrottlePolicy {
  /** Failures after which each further failure is slowed down. */
  slowAfter: number;
  /** Failures after which the key is locked. */
  lockAfter: number;
  /** The window failures are counted in. */
  windowSec: number;
  /** How long a lock lasts. */
  lockSec: number;
}

const envInt = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

const lockSec = () => envInt("SIGNIN_LOCK_MINUTES", 15) * 60;

export const POLICIES = {
  /** Per account (email): the 6th to 10th wrong password are slowed, the 10th locks. */
  signInAccount: () => ({ slowAfter: 5, lockAfter: 10, windowSec: 15 * 60, lockSec: lockSec() }),
  /** Per client address: higher, since people behind one NAT share an address. */
  signInAddress: () => ({
    slowAfter: envInt("SIGNIN_ADDRESS_SLOW_AFTER", 20),
    lockAfter: envInt("SIGNIN_ADDRESS_LOCK_AFTER", 50),
    windowSec: 15 * 60,
    lockSec: lockSec(),
  }),
  /** Invitation tokens are long random strings: a few wrong ones are a typo, many are guessing. */
  invitationAddress: () => ({ slowAfter: 5, lockAfter: 20, windowSec: 15 * 60, lockSec: lockSec() }),
  /** Unknown or revoked API keys per client address (401s). */
  apiKeyAddress: () => ({
    slowAfter: 10,
    lockAfter: envInt("API_KEY_FAILURE_LOCK_AFTER", 50),
    windowSec: 15 * 60,
    lockSec: lockSec(),
  }),
} satisfies Record<string, () => ThrottlePolicy>;

export type ThrottleKind = keyof typeof POLICIES;

const limiters = new Map<string, RateLimiterPrisma>();

function limiter(kind: ThrottleKind): { rl: RateLimiterPrisma; policy: ThrottlePolicy } {
  const policy = POLICIES[kind]();
  const id = `${kind}:${policy.lockAfter}:${policy.windowSec}`;
  let rl = limiters.get(id);
  if (!rl) {
    rl = new RateLimiterPrisma({
      storeClient: db(),
      tableName: "rateLimit",
      keyPrefix: kind,
      points: policy.lockAfter,
      duration: policy.windowSec,
      // Blocks live in the store only, never in this process.
      inMemoryBlockOnConsumed: 0,
    });
    limiters.set(id, rl);
  }
  return { rl, policy };
}

export interface LockState {
  locked: boolean;
  failures: number;
  /** When the lock ends (locked only). */
  until: Date | null;
}

// Keys with no failures counted, seen in the last moment (./recent.ts); a failure forgets its key at once.
const recentlyClean = recentMap<true>("throttleClean");
const CLEAN: LockState = { locked: false, failures: 0, until: null };

/** Whether `key` is locked now. */
export async function lockState(kind: ThrottleKind, key: string): Promise<LockState> {
  const recentKey = `${kind}:${key}`;
  if (recentlyClean.get(recentKey)) return CLEAN;
  const { rl, policy } = limiter(kind);
  const res = await rl.get(key);
  const failures = res?.consumedPoints ?? 0;
  if (failures === 0) recentlyClean.set(recentKey, true);
  const locked = failures >= policy.lockAfter;
  return { locked, failures, until: locked && res ? new Date(Date.now() + Math.max(res.msBeforeNext, 0)) : null };
}

export interface FailureResult extends LockState {
  /** The failure just recorded locked the key. */
  justLocked: boolean;
  /** Past `slowAfter`: answer after `delayMs`. */
  slowed: boolean;
  delayMs: number;
  remainingBeforeLock: number;
}

/** Counts one failure for `key`; locks it when it reaches the policy's limit. */
export async function recordFailure(kind: ThrottleKind, key: string): Promise<FailureResult> {
  recentlyClean.delete(`${kind}:${key}`);
  const { rl, policy } = limiter(kind);
  const res = await rl.penalty(key, 1);
  const failures = res.consumedPoints;
  let until: Date | null = null;
  const justLocked = failures === policy.lockAfter;
  if (justLocked) {
    await rl.block(key, policy.lockSec);
    until = new Date(Date.now() + policy.lockSec * 1000);
  } else if (failures > policy.lockAfter) {
    until = new Date(Date.now() + Math.max(res.msBeforeNext, 0));
  }
  const slowed = failures > policy.slowAfter;
  const step = envInt("THROTTLE_DELAY_MS", 400);
  return {
    locked: failures >= policy.lockAfter,
    justLocked,
    failures,
    until,
    slowed,
    delayMs: slowed ? Math.min((failures - policy.slowAfter) * step, 5000) : 0,
    remainingBeforeLock: Math.max(policy.lockAfter - failures, 0),
  };
}

/** Forgets the failures of `key` (a successful sign-in, or an admin's unlock). */
export async function clearFailures(kind: ThrottleKind, key: string): Promise<boolean> {
  const { rl } = limiter(kind);
  return rl.delete(key);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function formatUntil(until: Date | null): string {
  if (!until) return "for a while";
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return `for ${minutes} more minute${minutes === 1 ? "" : "s"}`;
}
