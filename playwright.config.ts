import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

export const E2E_PORT = Number(process.env.PASSAGE_E2E_PORT ?? 3100);

// Debian's Chromium where it is installed (machines that cannot download Playwright's own browser);
// Playwright's browser everywhere else.
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/global-setup.ts",
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  outputDir: "test-results/playwright",
  projects: [
    { name: "features", testIgnore: /sqli\.spec\.ts$/ },
    // The injection spec checks that no row existing before it changed while it ran, so it runs
    // alone, after the specs that legitimately change rows.
    { name: "injection", testMatch: /sqli\.spec\.ts$/, dependencies: ["features"] },
  ],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    browserName: "chromium",
    launchOptions: {
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
