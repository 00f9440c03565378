import { defineConfig } from 'vitest/config'

// The page tests drive the console in Chromium; what they check does not depend on the database
// (the services and API are tested on both), so the PostgreSQL run skips them unless asked
// (E2E_ON_POSTGRES=true) to keep CI's two runs within time. See docs/decisions.md.
const skipPages = !!process.env.DATABASE_URL && process.env.E2E_ON_POSTGRES !== 'true'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: skipPages ? ['test/e2e/**', 'node_modules/**'] : ['node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/audit-keys.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
})
