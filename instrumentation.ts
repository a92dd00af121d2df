// Next.js calls register() once when a server process starts: the job worker starts with it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWork } = await import("@/lib/bootstrap/worker");
  await startBackgroundWork();
}
