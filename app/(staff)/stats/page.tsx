import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission, requireStaff } from "@/lib/auth/actor";
import { getBreakdowns } from "@/lib/data/stats";
import { can } from "@/lib/domain/policy";
import { parseSuppressionThreshold } from "@/lib/domain/suppression";
import type { Actor } from "@/lib/domain/actor";
import type { TallyQuery, TallyResult } from "@/lib/domain/tally";
import { BreakdownTable } from "./breakdown-table";
import { readStatsQuery } from "./stats-query";
import { StatsFilters } from "./stats-filters";
import { TallyChart } from "./tally-chart";
import { breakdownKeyLabel, STATS_BREAKDOWNS } from "./tally-labels";
import { TallyTable } from "./tally-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("stats"))("title") };
}

const BREAKDOWN_TITLES = { province: "byProvince", sex: "bySex", ageGroup: "byAgeGroup", status: "byStatus" } as const;

export default async function StatsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireStaff();
  await requirePermission(actor, "stats.read", "page.stats");
  const { query, error } = readStatsQuery(await props.searchParams);
  const t = await getTranslations();
  return (
    <>
      <div className="page-head">
        <h1>{t("stats.title")}</h1>
      </div>
      <p className="muted">{t("stats.intro")}</p>
      <StatsFilters query={query} error={error} />
      {!error && <StatsResults actor={actor} query={query} />}
    </>
  );
}

async function StatsResults({ actor, query }: { actor: Actor; query: TallyQuery }) {
  const t = await getTranslations();
  const format = await getFormatter();
  // Single SQL aggregates side by side; the three breakdowns by person come from one of them.
  const [months, ...breakdowns] = (await getBreakdowns(actor, query, ["month", ...STATS_BREAKDOWNS])) as [
    TallyResult,
    ...TallyResult[],
  ];
  const monthName = (month: string, style: "long" | "short" = "long") =>
    format.dateTime(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1)), {
      year: "numeric",
      month: style,
      timeZone: "UTC",
    });
  const type = t(`eventTypes.${query.type}`);
  const province = query.province && breakdownKeyLabel(t, "province", query.province);
  // The province is in every caption and summary, so that no table is read as the whole's.
  const period = {
    type: province ? t("stats.typeInProvince", { type, province }) : type,
    from: monthName(query.from),
    to: monthName(query.to),
  };
  const { total } = months;
  const threshold = suppressionThreshold();
  // The page's query (type, period, province if any) as the export's.
  const exportHref = (kind: string) => `/api/v1/stats/export?${new URLSearchParams({ ...query, kind })}`;
  return (
    <>
      <p data-testid="stats-summary">
        {t(total.open ? "stats.summaryOpen" : "stats.summary", {
          ...period,
          low: format.number(total.low),
          high: format.number(total.high),
        })}
      </p>
      {province && <p data-testid="stats-province">{t("stats.provinceScope", { province })}</p>}
      <section className="card" aria-labelledby="stats-how">
        <h2 id="stats-how">{t("stats.howToRead")}</h2>
        <ul>
          <li>{t("stats.howLow")}</li>
          <li>{t("stats.howHigh")}</li>
          <li>{t("stats.howOpen")}</li>
          <li>{t("stats.howTotals")}</li>
        </ul>
      </section>
      <section aria-labelledby="stats-chart">
        <h2 id="stats-chart">{t("stats.chartTitle")}</h2>
        <TallyChart
          points={months.rows.map((row) => ({
            ...row,
            spanning: row.spanning ?? 0,
            month: row.key,
            label: monthName(row.key, "short"),
          }))}
          labels={{
            summary: t("stats.chartSummary", period),
            legend: t("stats.chartLegend"),
            low: t("stats.legendLow"),
            high: t("stats.legendHigh"),
            band: t("stats.legendBand"),
            spanning: t("stats.legendSpanning"),
          }}
        />
      </section>
      <section aria-labelledby="stats-months">
        <h2 id="stats-months">{t("stats.tableTitle")}</h2>
        <TallyTable result={months} caption={t("stats.tableCaption", period)} monthName={monthName} />
      </section>
      <section aria-labelledby="stats-breakdowns">
        <h2 id="stats-breakdowns">{t("stats.breakdownsTitle")}</h2>
        <p className="muted">{t("stats.unknownNote")}</p>
        {STATS_BREAKDOWNS.map((by, i) => (
          <BreakdownTable
            key={by}
            by={by}
            result={breakdowns[i]!}
            caption={t("stats.breakdownCaption", { ...period, breakdown: t(`stats.${BREAKDOWN_TITLES[by]}`) })}
          />
        ))}
      </section>
      {can(actor.role, "export.aggregates") && (
        <section aria-labelledby="stats-downloads">
          <h2 id="stats-downloads">{t("stats.downloads")}</h2>
          {threshold !== null && <p className="muted">{t("stats.exportHint", { max: threshold - 1 })}</p>}
          <div className="filter-actions">
            <a className="button" href={exportHref("table")} download>
              {t("stats.exportTable")}
            </a>
            {threshold !== null && !query.province && (
              <a className="button" href={exportHref("publication")} download>
                {t("stats.exportPublication")}
              </a>
            )}
          </div>
        </section>
      )}
    </>
  );
}

/** Null when PASSAGE_SUPPRESSION_THRESHOLD is misconfigured: the publication export refuses then too. */
function suppressionThreshold(): number | null {
  try {
    return parseSuppressionThreshold(process.env.PASSAGE_SUPPRESSION_THRESHOLD);
  } catch {
    return null;
  }
}
