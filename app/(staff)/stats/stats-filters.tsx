import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EVENT_TYPE } from "@/lib/domain/enums";
import type { TallyQuery } from "@/lib/domain/tally";
import type { StatsQueryError } from "./stats-query";

/**
 * A plain GET form: the filters live in the URL, so a view can be bookmarked and shared, and it
 * works before (or without) JavaScript. There is no province filter: the tally API has none (the
 * breakdown by province is shown below instead).
 */
export async function StatsFilters({ query, error }: { query: TallyQuery; error: StatsQueryError | null }) {
  const t = await getTranslations();
  return (
    <form className="filters card" method="get" action="/stats" aria-label={t("stats.filters")}>
      <div className="field">
        <label htmlFor="stats-type">{t("stats.eventType")}</label>
        <select id="stats-type" name="type" defaultValue={query.type}>
          {EVENT_TYPE.map((type) => (
            <option key={type} value={type}>
              {t(`eventTypes.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="stats-from">{t("stats.from")}</label>
        <input
          id="stats-from"
          name="from"
          type="month"
          required
          defaultValue={query.from}
          aria-describedby="stats-month-hint"
        />
        <span id="stats-month-hint" className="hint">
          {t("stats.monthHint")}
        </span>
      </div>
      <div className="field">
        <label htmlFor="stats-to">{t("stats.to")}</label>
        <input
          id="stats-to"
          name="to"
          type="month"
          required
          defaultValue={query.to}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "stats-month-hint stats-to-error" : "stats-month-hint"}
        />
        {error && (
          <span id="stats-to-error" className="error" role="alert">
            {t(`validation.${error}`)}
          </span>
        )}
      </div>
      <div className="filter-actions">
        <button type="submit">{t("stats.apply")}</button>
        <Link href="/stats">{t("stats.reset")}</Link>
      </div>
    </form>
  );
}
