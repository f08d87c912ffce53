"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Field } from "@/app/_components/field";
import { nextAnnouncement, type Announcement, type ImportOutcome, type ImportProgress } from "@/lib/import/progress";
import { ImportProgressBar, usePhaseText } from "./import-progress";
import { ErrorTable, SummaryTable } from "./import-results";
import { sendImport, type ImportReply } from "./send-import";

type Busy = "preview" | "import" | null;
type Notice = { kind: "ok" | "error"; text: string } | null;

/** The `errors` catalogue's message for a refused or failed run. */
function errorKey(reply: Extract<ImportReply, { ok: false }>) {
  if (reply.status === 401) return "signedOut";
  if (reply.status === 403 || reply.status === 404) return "forbidden";
  if (reply.status === 400 || reply.status === 413 || reply.status === 415) return "invalid";
  return "server";
}

/**
 * Upload, preview (a dry run that reports exactly what would change), then import. Import is
 * offered only once a preview of the chosen file found no problems. Both show determinate progress:
 * bytes uploaded, then records written (lib/import/progress.ts).
 */
export function ImportForm({ maxBytes }: { maxBytes: number }) {
  const t = useTranslations();
  const router = useRouter();
  const phaseText = usePhaseText();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [busy, setBusy] = useState<Busy>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [previewed, setPreviewed] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [spoken, setSpoken] = useState("");
  const announced = useRef<Announcement | null>(null);

  function choose(chosen: File | null) {
    setFile(chosen);
    setFileError(undefined);
    setNotice(null);
    setOutcome(null);
    setPreviewed(false);
  }

  function report(next: ImportProgress, dryRun: boolean) {
    // Rendered at once: a report followed closely by the next one (or the result) would otherwise be
    // batched away, and the bar would jump instead of filling.
    flushSync(() => {
      setProgress(next);
      const announcement = nextAnnouncement(announced.current, next, Date.now());
      if (!announcement) return;
      announced.current = announcement;
      setSpoken(phaseText(next, dryRun));
    });
  }

  async function submit(dryRun: boolean) {
    if (!file) return setFileError("importFileRequired");
    if (file.size > maxBytes) return setFileError("importFileTooLarge");
    setBusy(dryRun ? "preview" : "import");
    setNotice(null);
    setOutcome(null);
    setFileError(undefined);
    announced.current = null;
    report({ phase: "uploading", loaded: 0, total: file.size }, dryRun);
    const reply = await sendImport(file, dryRun, (next) => report(next, dryRun));
    setBusy(null);
    setProgress(null);
    if (!reply.ok) {
      // A refused upload writes nothing; neither does a failed or interrupted run (all or nothing).
      setFileError(reply.fieldErrors?.file?.[0]);
      setNotice({ kind: "error", text: t(`errors.${errorKey(reply)}`) });
      return;
    }
    setOutcome(reply.outcome);
    if (reply.outcome.ok) {
      const rows = reply.outcome.summary.rows;
      setNotice({ kind: "ok", text: t(dryRun ? "import.previewDone" : "import.importDone", { rows }) });
      if (!dryRun) router.refresh();
    }
    setPreviewed(reply.outcome.ok);
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
        {/* While busy, the bar shows every step; this region speaks only now and then. */}
        <p
          role="status"
          aria-live="polite"
          className={busy ? "visually-hidden" : notice?.kind === "ok" ? "alert ok" : undefined}
        >
          {busy ? spoken : notice?.kind === "ok" ? notice.text : ""}
        </p>
        {busy && progress && <ImportProgressBar progress={progress} dryRun={busy === "preview"} />}
        {busy === "import" && <p className="muted">{t("import.importing")}</p>}
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
