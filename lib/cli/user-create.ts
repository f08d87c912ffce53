import { parseArgs } from "node:util";
import { z } from "zod";
import { messages } from "../i18n/messages";
import { systemActor } from "../domain/actor";
import { userCreateSchema } from "../validation/user";
import { runCommand, UsageError, withReadyDatabase } from "./ready-database";

const USAGE = "usage: npm run user:create -- --email E --role ROLE [--name NAME] [--org ORGANISATION] < password";

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password (input is visible; pipe it in to avoid that): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && Buffer.concat(chunks).includes(10)) break;
  }
  // Only the line break is removed: spaces can be part of a passphrase.
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

function explain(fieldErrors: Record<string, string[] | undefined>): string {
  const catalogue = messages.validation as Record<string, string>;
  return Object.entries(fieldErrors)
    .map(([field, keys]) => `  ${field}: ${(keys ?? []).map((k) => catalogue[k] ?? k).join(" ")}`)
    .join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, org: { type: "string" } },
  });
  if (!values.email || !values.role) throw new UsageError(USAGE);
  const role = values.role.toUpperCase();
  if (role === "PARTNER" && !values.org) throw new UsageError("A PARTNER account needs --org ORGANISATION.");
  if (role !== "PARTNER" && values.org) throw new UsageError("--org is only for PARTNER accounts.");
  const password = await readStdin();

  // Check everything before touching the database, so a bad call writes nothing.
  const draft = userCreateSchema.safeParse({
    name: values.name ?? values.email.split("@")[0],
    email: values.email,
    role,
    organisationId: role === "PARTNER" ? "00000000-0000-4000-8000-000000000000" : null,
    password,
  });
  if (!draft.success) throw new UsageError(`user:create refused:\n${explain(z.flattenError(draft.error).fieldErrors)}`);

  await withReadyDatabase(async () => {
    const { createUser } = await import("../data/users");
    const { ensureOrganisation } = await import("../data/organisations");
    const { RuleViolationError } = await import("../data/errors");
    try {
      const actor = systemActor();
      const organisationId = values.org ? (await ensureOrganisation(actor, values.org)).id : null;
      const user = await createUser(actor, { ...draft.data, organisationId });
      console.log(`Created ${user.role} ${user.email}${values.org ? ` in ${values.org}` : ""}.`);
      const { roleRequiresTwoFactor } = await import("../data/two-factor-admin");
      if (await roleRequiresTwoFactor(user.role)) {
        console.log(
          "Their role requires two-factor authentication: at the first sign-in they set it up with an authenticator app.",
        );
      }
    } catch (error) {
      if (error instanceof RuleViolationError)
        throw new UsageError(`user:create refused:\n${explain(error.fieldErrors)}`);
      throw error;
    }
  });
}

runCommand(main);
