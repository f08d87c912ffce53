import { isDatabaseReachable } from "@/lib/data/health";
import { json } from "@/lib/http/json";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await isDatabaseReachable();
  return json({ status: ok ? "ok" : "error", db: ok ? "ok" : "unreachable" }, ok ? 200 : 503);
}
