import { AGE_GROUP, CASE_STATUS, cnProvinceLabel, nkProvinceLabel, SEX } from "@/lib/domain/enums";
import type { TallyBreakdown, TallyRow } from "@/lib/domain/tally";

/** The breakdowns shown under the monthly series, in the page's order. */
export const STATS_BREAKDOWNS = ["province", "sex", "ageGroup", "status"] as const satisfies readonly TallyBreakdown[];
export type StatsBreakdown = (typeof STATS_BREAKDOWNS)[number];

type Translate = (key: string) => string;

/** What a breakdown key means to a reader: a province's name, "Female", "Repatriated"… */
export function breakdownKeyLabel(t: Translate, by: StatsBreakdown, key: string): string {
  switch (by) {
    case "province":
      return cnProvinceLabel(key) ?? nkProvinceLabel(key) ?? (key === "UNKNOWN" ? t("stats.provinceUnknown") : key);
    case "sex":
      return (SEX as readonly string[]).includes(key) ? t(`sexes.${key}`) : key;
    case "ageGroup":
      return (AGE_GROUP as readonly string[]).includes(key) ? t(`ageGroups.${key}`) : key;
    case "status":
      return (CASE_STATUS as readonly string[]).includes(key) ? t(`statuses.${key}`) : key;
  }
}

const ORDER: Record<Exclude<StatsBreakdown, "province">, readonly string[]> = {
  sex: SEX,
  ageGroup: AGE_GROUP,
  status: CASE_STATUS,
};

/**
 * Rows in a reader's order: fixed vocabularies in their own order (Female, Male, Unknown), provinces
 * by name with "not recorded" last. The tally API sorts by code.
 */
export function orderBreakdownRows<T extends Pick<TallyRow, "key">>(
  t: Translate,
  by: StatsBreakdown,
  rows: readonly T[],
): T[] {
  if (by !== "province") {
    const order = ORDER[by];
    const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
    return [...rows].sort((a, b) => rank(a.key) - rank(b.key));
  }
  const name = (key: string) => (key === "UNKNOWN" ? "\uffff" : breakdownKeyLabel(t, by, key));
  return [...rows].sort((a, b) => name(a.key).localeCompare(name(b.key), "en"));
}

/** "41", "41+" (some count has no upper limit). */
export function formatHigh(value: string, open: boolean | null): string {
  return open ? `${value}+` : value;
}
