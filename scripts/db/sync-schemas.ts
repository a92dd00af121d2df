// Writes prisma/postgresql/schema.prisma from prisma/sqlite/schema.prisma.
import fs from "node:fs";
import { derivePostgresSchema } from "../../lib/db/migrations/schemas-sync";
import { schemaPath } from "../../lib/db/migrations/layout";

const pg = derivePostgresSchema(fs.readFileSync(schemaPath("sqlite"), "utf8"));
fs.writeFileSync(schemaPath("postgresql"), pg);
console.log(`wrote ${schemaPath("postgresql")}`);
