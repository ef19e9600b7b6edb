/**
 * The packaging tier: packs the two workspace packages and uses them the way
 * another unit would, from a scratch project outside the repository. Slow
 * (it builds, packs and installs), so it is not part of `npm test`; CI runs it
 * with `npm run test:package`.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/package/**/*.test.ts"],
    pool: "forks",
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
