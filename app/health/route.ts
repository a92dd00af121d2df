// GET /health: MLflow's liveness probe, plain "OK" (our own /api/health also checks the database).
export const dynamic = "force-static";
export const GET = () => new Response("OK", { headers: { "content-type": "text/plain; charset=utf-8" } });
