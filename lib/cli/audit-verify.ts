import { runCommand, UsageError, withReadyDatabase } from "./ready-database";

const USAGE = "usage: npm run audit:verify (takes no arguments; checks the database DATABASE_URL or .data/ holds)";

/**
 * `npm run audit:verify`: re-computes the audit trail's hash chain (DESIGN.md §5). Prints
 * "audit chain intact: N entries" and exits 0, or "audit chain broken at entry #ID (reason)" and
 * exits 1, so that it can run from cron or CI.
 */
async function main() {
  if (process.argv.length > 2) throw new UsageError(USAGE);
  await withReadyDatabase(async () => {
    const { verifyAuditChain } = await import("../data/audit-verify");
    const { entries, firstBroken } = await verifyAuditChain();
    if (firstBroken) {
      console.error(`audit chain broken at entry #${firstBroken.id} (${firstBroken.reason})`);
      // Not process.exit(): withReadyDatabase still has to close the database.
      process.exitCode = 1;
    } else {
      console.log(`audit chain intact: ${entries} entries`);
    }
  });
}

runCommand(main);
