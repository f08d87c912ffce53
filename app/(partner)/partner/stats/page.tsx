import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { breakdownKeyLabel, orderBreakdownRows } from "@/app/(staff)/stats/tally-labels";
import { StatsFilters } from "@/app/(staff)/stats/stats-filters";
import { readStatsQuery } from "@/app/(staff)/stats/stats-query";
import { requirePartner } from "@/lib/auth/actor";
import { getSharedTallies, PARTNER_BREAKDOWNS } from "@/lib/data/partner-stats";
import { isSuppressed, type PublishedCell } from "@/lib/domain/suppression";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("partner"))("statsTitle") };
}

/** Suppressed totals over the cases shared with the partner's organisation (DESIGN.md §3). */
export default async function PartnerStatsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePartner();
  const { query: read, error } = readStatsQuery(await props.searchParams);
  // Partners' tallies have no province filter (lib/data/partner-stats.ts): one in the URL is ignored.
  const query = { type: read.type, from: read.from, to: read.to };
  const tallies = error ? null : await getSharedTallies(actor, query);
  const t = await getTranslations();
  const format = await getFormatter();
  const cell = (value: PublishedCell) => (isSuppressed(value) ? t("partner.suppressed") : format.number(value));
  return (
    <>
      <h1>{t("partner.statsTitle")}</h1>
      <p className="muted">{t("partner.statsIntro")}</p>
      <StatsFilters query={query} error={error} action="/partner/stats" province={false} />
      {tallies && (
        <>
          <p className="muted">{t("partner.suppressionNote", { threshold: tallies.threshold })}</p>
          <p role="status" data-testid="partner-total">
            {t("partner.total", { low: cell(tallies.total.low), high: cell(tallies.total.high) })}
          </p>
          {PARTNER_BREAKDOWNS.map((by) => (
            <div className="table-wrap" key={by}>
              <table data-testid={`partner-breakdown-${by}`}>
                <caption>{t(`stats.${by}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`stats.${by}`)}</th>
                    <th scope="col">{t("stats.low")}</th>
                    <th scope="col">{t("stats.high")}</th>
                  </tr>
                </thead>
                <tbody>
                  {orderBreakdownRows(t, by, tallies.breakdowns[by]).map((row) => (
                    <tr key={row.key}>
                      <th scope="row">{breakdownKeyLabel(t, by, row.key)}</th>
                      <td>{cell(row.low)}</td>
                      <td>{cell(row.high)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
    </>
  );
}
