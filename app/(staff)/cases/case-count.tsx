import { getTranslations } from "next-intl/server";
import type { CaseCount } from "@/lib/data/case-list";

/** How many cases match, streamed into the page once counted: the rows do not wait for it. */
export async function CaseCountText({ count }: { count: Promise<CaseCount> }) {
  const { total, totalCapped } = await count;
  const t = await getTranslations("cases");
  return totalCapped ? t("countMore", { count: total }) : t("count", { count: total });
}
