import { getTranslations } from "next-intl/server";
import { UtcTime } from "@/app/_components/utc-time";
import type { ActivityRow } from "@/lib/data/organisation-activity";

export async function ActivityTable({ entries }: { entries: ActivityRow[] }) {
  const t = await getTranslations();
  if (entries.length === 0) return <p className="muted">{t("organisations.noActivity")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption>{t("organisations.activityCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("organisations.time")}</th>
            <th scope="col">{t("organisations.user")}</th>
            <th scope="col">{t("organisations.action")}</th>
            <th scope="col">{t("organisations.record")}</th>
            <th scope="col">{t("organisations.outcome")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid={`activity-${entry.id}`}>
              <td>
                <UtcTime at={entry.at} />
              </td>
              <td>{entry.userName}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>
                {entry.entityType ? `${entry.entityType} ${entry.entityId ?? ""}`.trim() : t("organisations.none")}
              </td>
              <td>
                <span className={entry.outcome === "SUCCESS" ? "badge" : "badge inactive"}>
                  {t(`audit.outcomes.${entry.outcome}`)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
