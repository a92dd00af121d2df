// Points the app's own db() at this run's fresh database before any test module uses it.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
