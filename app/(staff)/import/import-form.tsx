"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { applyActionErrors } from "@/app/_components/action-errors";
import { Field } from "@/app/_components/field";
import type { ImportSummary } from "@/lib/data/import";
import type { ImportIssue } from "@/lib/domain/csv-import";
import { previewImportAction, runImportAction, type ImportOutcome } from "./actions";

type Busy = "preview" | "import" | null;
type Notice = { kind: "ok" | "error"; text: string } | null;

const KINDS = ["cases", "events", "sources", "attributions", "participants"] as const;

/**
 * Upload, preview (a dry run that reports exactly what would change), then import. Import is
 * offered only once a preview of the chosen file found no problems.
 */
export function ImportForm({ maxBytes }: { maxBytes: number }) {
  const t = useTranslations();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [busy, setBusy] = useState<Busy>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [previewed, setPreviewed] = useState(false);

  function choose(chosen: File | null) {
    setFile(chosen);
    setFileError(undefined);
    setNotice(null);
    setOutcome(null);
    setPreviewed(false);
  }

  async function submit(dryRun: boolean) {
    if (!file) return setFileError("importFileRequired");
    if (file.size > maxBytes) return setFileError("importFileTooLarge");
    setBusy(dryRun ? "preview" : "import");
    setNotice(null);
    setOutcome(null);
    const data = new FormData();
    data.set("file", file);
    try {
      const result = await (dryRun ? previewImportAction : runImportAction)(data);
      if (!result.ok) {
        setFileError(result.fieldErrors?.file?.[0]);
        setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result)}`) });
        return;
      }
      setOutcome(result.data);
      if (result.data.ok) {
        const rows = result.data.summary.rows;
        setNotice({ kind: "ok", text: t(dryRun ? "import.previewDone" : "import.importDone", { rows }) });
      }
      setPreviewed(result.data.ok);
    } catch {
      // A body over the server's size limit, or the connection dropped: nothing was written.
      setNotice({ kind: "error", text: t("errors.server") });
    } finally {
      setBusy(null);
    }
  }

  return (
    <form method="post" className="form" noValidate aria-label={t("import.title")} onSubmit={(e) => e.preventDefault()}>
      <Field
        id="import-file"
        label={t("import.file")}
        hint={t("import.fileHint", { mb: Math.round(maxBytes / 1024 / 1024) })}
        error={fileError ? { message: fileError } : undefined}
      >
        {(aria) => (
          <input
            {...aria}
            type="file"
            name="file"
            accept=".csv,text/csv"
            disabled={busy !== null}
            onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
          />
        )}
      </Field>
      <div className="row-actions">
        <button type="button" className="secondary" disabled={busy !== null} onClick={() => submit(true)}>
          {t("import.preview")}
        </button>
        <button
          type="button"
          disabled={busy !== null || !previewed}
          aria-describedby="import-hint"
          onClick={() => submit(false)}
        >
          {t("import.import")}
        </button>
      </div>
      <p id="import-hint" className="muted">
        {t("import.importHint")}
      </p>
      <div aria-busy={busy !== null}>
        <p role="status" aria-live="polite" className={notice?.kind === "ok" ? "alert ok" : undefined}>
          {busy
            ? t(busy === "preview" ? "import.previewing" : "import.importing")
            : notice?.kind === "ok"
              ? notice.text
              : ""}
        </p>
        {busy && <progress aria-label={t("import.progressLabel")} />}
        {notice?.kind === "error" && (
          <p className="alert error" role="alert">
            {notice.text}
          </p>
        )}
        {outcome?.ok && <SummaryTable summary={outcome.summary} />}
        {outcome && !outcome.ok && <ErrorTable errors={outcome.errors} count={outcome.errorCount} />}
      </div>
    </form>
  );
}

function SummaryTable({ summary }: { summary: ImportSummary }) {
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

function ErrorTable({ errors, count }: { errors: ImportIssue[]; count: number }) {
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
