import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "../database/embedded";
import { systemActor } from "../domain/actor";
import type { Role } from "../domain/policy";

// Demo content exists only on the embedded database: a deployment on DATABASE_URL never gets any.

/** The session-signing secret of an embedded install, generated once and kept in .data/. */
export async function embeddedSecret(): Promise<string> {
  const file = path.join(dataDir(), "nextauth-secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    const secret = randomBytes(48).toString("base64url");
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  }
}

const DEMO_ACCOUNTS: { role: Role; name: string }[] = [
  { role: "ADMIN", name: "Demo Administrator" },
  { role: "EDITOR", name: "Demo Editor" },
  { role: "RESEARCHER", name: "Demo Researcher" },
  { role: "VIEWER", name: "Demo Viewer" },
  { role: "PARTNER", name: "Demo Partner" },
];

/** The demo cases, events and sources, loaded through the importer as the demo administrator. */
async function importDemoRecords(adminEmail: string) {
  const { loadActorByEmail } = await import("../data/actors");
  const { importCsv } = await import("../data/import");
  const { demoCsv } = await import("./demo-data");
  const admin = await loadActorByEmail(adminEmail);
  if (!admin) throw new Error("The demo administrator could not be loaded.");
  const result = await importCsv(admin, { bytes: demoCsv(), fileName: "demo.csv", dryRun: false });
  if (!result.ok) {
    throw new Error(
      `The demo dataset did not import: ${result.errors.map((e) => `row ${e.row} ${e.column}: ${e.message}`).join("; ")}`,
    );
  }
  console.log(
    `[passage] Demo dataset loaded: ${result.summary.cases.created} cases, ${result.summary.events.created} events.`,
  );
}

const accountsFile = () => path.join(dataDir(), "demo-accounts.txt");

/**
 * On the first start of an empty embedded database: one account per role, each with a generated
 * password, printed once and written to .data/demo-accounts.txt. Later starts only say where it is.
 */
export async function seedDemo(databaseUrl: string, siteUrl: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  const { countUsers, createUser } = await import("../data/users");
  const { ensureOrganisation } = await import("../data/organisations");
  const { db } = await import("../db");
  try {
    if ((await countUsers()) > 0) {
      console.log(
        `[passage] Sign in at ${siteUrl}/login with an account from ${path.relative(process.cwd(), accountsFile())}.`,
      );
      return;
    }
    const actor = systemActor();
    const organisation = await ensureOrganisation(actor, "Demo Partner Organisation");
    const lines: string[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const email = `${account.role.toLowerCase()}@demo.passage.local`;
      const password = randomBytes(12).toString("base64url");
      await createUser(actor, {
        ...account,
        email,
        password,
        organisationId: account.role === "PARTNER" ? organisation.id : null,
      });
      lines.push(`${account.role.padEnd(10)} ${email.padEnd(32)} ${password}`);
    }
    await importDemoRecords(`${DEMO_ACCOUNTS[0]!.role.toLowerCase()}@demo.passage.local`);
    const text = [
      "Passage demo accounts (embedded database only)",
      `Sign in at ${siteUrl}/login`,
      "The ADMIN account sets up two-factor authentication (an authenticator app) at its first sign-in.",
      "",
      ...lines,
      "",
    ].join("\n");
    await writeFile(accountsFile(), text, { mode: 0o600 });
    console.log(
      `\n[passage] Demo accounts created. Their passwords are shown once here and kept in ${path.relative(process.cwd(), accountsFile())}:\n`,
    );
    console.log(text);
  } finally {
    await db.$disconnect();
  }
}
