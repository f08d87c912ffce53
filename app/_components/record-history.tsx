import { getTranslations } from "next-intl/server";
import type { HistoryEntry } from "@/lib/data/history";

/** Who changed a record, when, and which fields: drawn from the audit trail. */
export async function RecordHistory({ entries, empty }: { entries: HistoryEntry[]; empty: string }) {
  const t = await getTranslations("cases");
  if (entries.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="history">
      {entries.map((entry) => (
        <li key={entry.id}>
          <time dateTime={entry.at.toISOString()}>{entry.at.toISOString().slice(0, 16).replace("T", " ")} UTC</time> ·{" "}
          {t("historyEntry", { action: entry.action, actor: entry.actorName })}
          {entry.fields.length > 0 && <span className="muted"> ({entry.fields.join(", ")})</span>}
        </li>
      ))}
    </ul>
  );
}
