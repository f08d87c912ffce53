import { migrate, MigrationError } from "../database/migrations";
import { openDatabase } from "../database/embedded";

async function main() {
  const db = await openDatabase();
  try {
    const applied = await migrate(db.url, { log: (line) => console.log(line) });
    console.log(applied.length ? `${applied.length} migration(s) applied.` : "The database is up to date.");
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof MigrationError ? `db:migrate: ${error.message}` : error);
  process.exit(1);
});
