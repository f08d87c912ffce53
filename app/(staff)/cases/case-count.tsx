import { getTranslations } from "next-intl/server";
import type { CaseCount } from "@/lib/data/case-list";
import { errorSummary } from "@/lib/security/log";

/**
 * How many cases match, streamed into the page once counted: the rows do not wait for it. A count
 * that fails says so in its place rather than taking the rows already shown with it.
 */
export async function CaseCountText({ count }: { count: Promise<CaseCount> }) {
  const t = await getTranslations("cases");
  try {
    const { total, totalCapped } = await count;
    return totalCapped ? t("countMore", { count: total }) : t("count", { count: total });
  } catch (error) {
    console.error("counting cases failed", errorSummary(error));
    return t("countFailed");
  }
}
