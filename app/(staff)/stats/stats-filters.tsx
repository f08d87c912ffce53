import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterSelect, MonthFilter } from "@/app/_components/filters";
import { EVENT_TYPE } from "@/lib/domain/enums";
import { TALLY_PROVINCES, type TallyQuery } from "@/lib/domain/tally";
import type { StatsQueryError } from "./stats-query";
import { breakdownKeyLabel, orderBreakdownRows } from "./tally-labels";

/**
 * A plain GET form: the filters live in the URL, so a view can be bookmarked and shared, and it
 * works before (or without) JavaScript.
 */
export async function StatsFilters({
  query,
  error,
  action = "/stats",
  province = true,
}: {
  query: TallyQuery;
  error: StatsQueryError | null;
  /** The page the form reloads: /stats, or the partner portal's /partner/stats. */
  action?: string;
  /** Whether to offer the province filter (partners' tallies have none: lib/data/partner-stats.ts). */
  province?: boolean;
}) {
  const t = await getTranslations();
  const provinces = orderBreakdownRows(
    t,
    "province",
    TALLY_PROVINCES.map((key) => ({ key })),
  ).map(({ key }) => ({ value: key, label: breakdownKeyLabel(t, "province", key) }));
  return (
    <form className="filters card" method="get" action={action} aria-label={t("stats.filters")}>
      <FilterSelect
        name="type"
        label={t("stats.eventType")}
        value={query.type}
        options={EVENT_TYPE.map((type) => ({ value: type, label: t(`eventTypes.${type}`) }))}
      />
      {province && (
        <FilterSelect
          name="province"
          label={t("stats.province")}
          value={query.province}
          options={provinces}
          any={t("stats.anyProvince")}
        />
      )}
      <MonthFilter name="from" label={t("stats.from")} value={query.from} required describedBy="stats-month-hint" />
      <MonthFilter
        name="to"
        label={t("stats.to")}
        value={query.to}
        required
        invalid={Boolean(error)}
        describedBy={error ? "stats-month-hint stats-to-error" : "stats-month-hint"}
      />
      <p id="stats-month-hint" className="hint">
        {t("stats.monthHint")}
      </p>
      {error && (
        <p id="stats-to-error" className="error" role="alert">
          {t(`validation.${error}`)}
        </p>
      )}
      <div className="filter-actions">
        <button type="submit">{t("stats.apply")}</button>
        <Link href={action}>{t("stats.reset")}</Link>
      </div>
    </form>
  );
}
