"use client";

import { useTranslations } from "next-intl";
import { progressBar, progressFraction, type ImportProgress } from "@/lib/import/progress";

export const PHASE_ID = "import-phase";

/** "Uploading… 40%", "Checking the file…", "Writing 12,000 of 48,000 records…". */
export function usePhaseText() {
  const t = useTranslations("import.progress");
  return (progress: ImportProgress, dryRun: boolean): string => {
    switch (progress.phase) {
      case "uploading":
        return t("uploading", { percent: Math.floor((progressFraction(progress) ?? 0) * 100) });
      case "checking":
        return t("checking");
      case "writing":
        return t(dryRun ? "trying" : "writing", { done: progress.done, total: progress.total });
    }
  };
}

/**
 * The bar and the phase as text, both updated on every report. They stay out of the live region:
 * the form announces progress there only now and then (`nextAnnouncement`).
 */
export function ImportProgressBar({ progress, dryRun }: { progress: ImportProgress; dryRun: boolean }) {
  const t = useTranslations("import.progress");
  const phaseText = usePhaseText();
  const { value, max } = progressBar(progress);
  return (
    <div className="import-progress">
      <p id={PHASE_ID} data-testid="import-phase">
        {phaseText(progress, dryRun)}
      </p>
      <progress aria-label={t("label")} aria-describedby={PHASE_ID} value={value} max={max} />
    </div>
  );
}
