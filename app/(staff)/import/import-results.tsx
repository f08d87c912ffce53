"use client";

import { useTranslations } from "next-intl";
import type { ImportSummary } from "@/lib/data/import";
import type { ImportIssue } from "@/lib/domain/csv-import";

const KINDS = ["cases", "events", "sources", "attributions", "participants"] as const;

export function SummaryTable({ summary }: { summary: ImportSummary }) {
  const t = useTranslations("import");
  return (
    <div className="table-wrap">
      <table data-testid="import-summary">
        <caption>{t("summaryCaption", { dryRun: String(summary.dryRun) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("records")}</th>
            <th scope="col">{t("created")}</th>
            <th scope="col">{t("updated")}</th>
            <th scope="col">{t("unchanged")}</th>
          </tr>
        </thead>
        <tbody>
          {KINDS.map((kind) => (
            <tr key={kind} data-testid={`import-${kind}`}>
              <th scope="row">{t(`kinds.${kind}`)}</th>
              <td>{summary[kind].created}</td>
              <td>{summary[kind].updated}</td>
              <td>{summary[kind].unchanged}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ErrorTable({ errors, count }: { errors: ImportIssue[]; count: number }) {
  const t = useTranslations("import");
  return (
    <>
      <p className="alert error" role="alert">
        {t("errorsTitle", { count })} {errors.length < count && t("errorsTruncated", { shown: errors.length, count })}
      </p>
      <div className="table-wrap">
        <table data-testid="import-errors">
          <caption>{t("errorsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("row")}</th>
              <th scope="col">{t("column")}</th>
              <th scope="col">{t("problem")}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((error, i) => (
              <tr key={i}>
                <td>{error.row === 0 ? t("wholeFile") : error.row}</td>
                <td>
                  {error.column ? (
                    <code>{error.column}</code>
                  ) : (
                    <span className="muted">{error.row === 0 ? "—" : t("wholeRow")}</span>
                  )}
                </td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
