import { defineConfig } from "drizzle-kit";

// The migrations live under src/: lockstep reads `out` here to know they are Drizzle's.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "src/db/migrations",
  dbCredentials: { url: process.env.DATABASE_URL! },
});
