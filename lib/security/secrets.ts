import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../db/config";

/**
 * Secrets at rest (judge API keys, and any later agent or webhook keys): AES-256-GCM with a key
 * derived by HKDF-SHA256 from the server secret (NEXTAUTH_SECRET, or the generated auth-secret
 * file of a SQLite install), so a copy of the database alone does not reveal them. Stored as
 * `enc:v1:<base64url(iv | tag | ciphertext)>`; values without the prefix are legacy plaintext,
 * read as is and encrypted on the next write (see `needsReencryption`).
 *
 * Changing the server secret makes stored secrets unreadable: they must then be entered again.
 */
const PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cached: { secret: string; key: Buffer } | null = null;

function serverSecret(): string {
  const given = process.env.NEXTAUTH_SECRET?.trim();
  if (given) return given;
  // `npm start` passes the secret to the server; the admin CLI reads the file it generated.
  const file = path.join(dataDir(), "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  throw new Error("No server secret to encrypt with: set NEXTAUTH_SECRET (or start the app once to generate one)");
}

function key(): Buffer {
  const secret = serverSecret();
  if (cached?.secret !== secret) {
    // A purpose-specific key: the session-signing secret itself is never used to encrypt.
    const derived = hkdfSync("sha256", secret, "tracelight", "secrets-at-rest v1", 32);
    cached = { secret, key: Buffer.from(derived) };
  }
  return cached.key;
}

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The plaintext of a stored secret (legacy plaintext passes through); throws when it was tampered with. */
export function decryptSecret(stored: string): string {
  if (!isEncrypted(stored)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key(), iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(
      "A stored secret cannot be decrypted: was NEXTAUTH_SECRET changed? Enter the key again in Settings.",
    );
  }
}
