import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UtcTime } from "@/app/_components/utc-time";
import type { AuditRow } from "@/lib/data/audit-log";

/** `/admin/audit` narrowed to one record: its full history. */
export function historyHref(entityType: string, entityId: string): string {
  return `/admin/audit?${new URLSearchParams({ entityType, entityId })}`;
}

export async function AuditTable({ entries }: { entries: AuditRow[] }) {
  const t = await getTranslations();
  if (entries.length === 0) return <p className="muted">{t("audit.empty")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption>{t("audit.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("audit.time")}</th>
            <th scope="col">{t("audit.actor")}</th>
            <th scope="col">{t("audit.role")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.entity")}</th>
            <th scope="col">{t("audit.outcome")}</th>
            <th scope="col">{t("audit.origin")}</th>
            <th scope="col">{t("audit.details")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid={`audit-entry-${entry.id}`}>
              <td>{entry.id}</td>
              <td>
                <UtcTime at={entry.at} />
              </td>
              <td>
                {/* No actor and no role: an anonymous request, e.g. a sign-in attempt; no actor but a role: a CLI command. */}
                {entry.actorId
                  ? (entry.actorName ?? t("audit.unknownActor"))
                  : entry.actorRole
                    ? t("audit.system")
                    : t("audit.none")}
              </td>
              <td>{entry.actorRole ? t(`roles.${entry.actorRole}`) : t("audit.none")}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>
                {entry.entityType && entry.entityId ? (
                  <Link
                    href={historyHref(entry.entityType, entry.entityId)}
                    title={t("audit.historyOf", { entityType: entry.entityType, entityId: entry.entityId })}
                  >
                    {entry.entityType} {entry.entityId}
                  </Link>
                ) : (
                  (entry.entityType ?? t("audit.none"))
                )}
              </td>
              <td>
                <span className={entry.outcome === "SUCCESS" ? "badge" : "badge inactive"}>
                  {t(`audit.outcomes.${entry.outcome}`)}
                </span>
              </td>
              <td>{entry.origin ?? t("audit.none")}</td>
              <td>
                {Object.keys(entry.details).length > 0 ? <code>{JSON.stringify(entry.details)}</code> : t("audit.none")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
