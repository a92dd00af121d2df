import "server-only";
/**
 * The mlflow-artifacts store (`/api/2.0/mlflow-artifacts/artifacts/<path>`): traces.json goes to
 * the database (./traces-json.ts); any other artifact is a file under DATA_DIR/artifacts.
 * Paths are checked so nothing outside that folder can be read or written.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { dataDir } from "@/lib/db/config";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { matchTracesJsonPath, putTracesJson, renderStoredTracesJson } from "./traces-json";

/**
 * Where uploaded artifacts live: ARTIFACTS_DIR, else `$DATA_DIR/artifacts`. Several app servers
 * point ARTIFACTS_DIR at one shared directory (a network volume) so any of them serves any file.
 */
export const artifactsRoot = () =>
  process.env.ARTIFACTS_DIR ? path.resolve(process.env.ARTIFACTS_DIR) : path.join(dataDir(), "artifacts");

/** An artifact path (URL-decoded, '/'-separated) -> absolute file path inside the root, or a 400. */
export function resolveArtifactPath(relPath: string): string {
  const parts = relPath.split("/").filter((p) => p !== "");
  if (!parts.length) throw new ValidationError("artifact path is empty");
  for (const p of parts) {
    if (p === "." || p === ".." || p.includes("\\") || p.includes("\0"))
      throw new ValidationError(`invalid artifact path '${relPath}': '.', '..', backslashes and NUL are not allowed`);
  }
  const root = artifactsRoot();
  const full = path.resolve(root, ...parts);
  if (!full.startsWith(root + path.sep)) throw new ValidationError(`invalid artifact path '${relPath}'`);
  return full;
}

/** Stores an uploaded artifact. */
export async function putArtifact(actor: Actor, relPath: string, body: Uint8Array): Promise<void> {
  requireRole(actor, "DEVELOPER");
  const traces = matchTracesJsonPath(relPath);
  if (traces) {
    await putTracesJson(actor, traces.experimentId, traces.traceId, body);
    return;
  }
  const file = resolveArtifactPath(relPath);
  // Owner-only, whatever the umask of the process (uploads can hold models and data).
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fs.writeFile(file, body, { mode: 0o600 });
}

/** An artifact's bytes (traces.json rendered from the stored spans). */
export async function getArtifact(
  actor: Actor,
  relPath: string,
): Promise<{ body: Uint8Array | string; contentType: string }> {
  requireRole(actor, "DEVELOPER");
  const traces = matchTracesJsonPath(relPath);
  if (traces) return { body: await renderStoredTracesJson(actor, traces.traceId), contentType: "application/json" };
  const file = resolveArtifactPath(relPath);
  try {
    return { body: new Uint8Array(await fs.readFile(file)), contentType: "application/octet-stream" };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "EISDIR")
      throw new NotFoundError(`Artifact '${relPath}' not found`);
    throw err;
  }
}

/** The entries directly under a folder, as MLflow's ListArtifacts answers (`files` omitted when empty). */
export async function listArtifacts(
  actor: Actor,
  relPath: string | undefined,
): Promise<{ files?: { path: string; is_dir: boolean; file_size?: number }[] }> {
  requireRole(actor, "DEVELOPER");
  const dir = relPath ? resolveArtifactPath(relPath) : artifactsRoot();
  let entries: import("node:fs").Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return {};
  }
  const files = await Promise.all(
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(async (e) =>
        e.isDirectory()
          ? { path: e.name, is_dir: true }
          : { path: e.name, is_dir: false, file_size: (await fs.stat(path.join(dir, e.name))).size },
      ),
  );
  return files.length ? { files } : {};
}

export async function deleteArtifact(actor: Actor, relPath: string): Promise<void> {
  requireRole(actor, "DEVELOPER");
  await fs.rm(resolveArtifactPath(relPath), { recursive: true, force: true });
}
