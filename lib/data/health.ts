import "server-only";
import { db } from "@/lib/db";

/** Public and actor-free on purpose: it reveals only whether the database answers. */
export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
