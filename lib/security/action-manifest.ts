import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// Which exported action a `Next-Action` id calls, read from the manifest Next writes at build time
// (`next dev` builds into .next/dev/ and adds actions to it as it compiles pages). Keys: action ids.

const manifestSchema = z.object({
  node: z.record(z.string(), z.object({ exportedName: z.string().optional() })),
});

const development = process.env.NODE_ENV === "development";
let built: Map<string, string> | undefined;

function readActionNames(): Map<string, string> | undefined {
  const file = path.join(process.cwd(), ".next", development ? "dev" : "", "server", "server-reference-manifest.json");
  try {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    return new Map(
      Object.entries(manifest.node).flatMap(([id, action]) => (action.exportedName ? [[id, action.exportedName]] : [])),
    );
  } catch {
    return undefined;
  }
}

/** The name the action with this id is exported as, or undefined when it is not one of this build's. */
export function actionNameFor(id: string): string | undefined {
  if (development) return readActionNames()?.get(id);
  built ??= readActionNames();
  return built?.get(id);
}
