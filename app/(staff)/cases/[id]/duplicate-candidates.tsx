"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { applyActionErrors } from "@/app/_components/action-errors";
import { DialogButton } from "@/app/_components/dialog-button";
import type { DuplicateCandidate } from "@/lib/data/case-duplicates";
import { mergeCasesAction } from "../actions";
import { NoticeMessage, type Notice } from "@/app/_components/notice";

/** Possible duplicates of a case, each of which can be merged into it after confirmation. */
export function DuplicateCandidates(props: {
  survivor: { id: string; ref: string; version: number };
  candidates: DuplicateCandidate[];
}) {
  const t = useTranslations();
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  return (
    <>
      <NoticeMessage notice={notice} />
      {props.candidates.length === 0 ? (
        <p className="muted">{t("cases.noDuplicates")}</p>
      ) : (
        <ul>
          {props.candidates.map((c) => (
            <li key={c.id} className="row-actions">
              <Link href={`/cases/${c.id}`}>{c.ref}</Link> · {c.fullName ?? "—"}
              {c.matchedAlias && <> {t("cases.matchedAlias", { alias: c.matchedAlias })}</>} ·{" "}
              <span className="muted">
                {t("cases.duplicateScore", { score: c.nameScore.toFixed(2) })}
                {c.sameBirthYear && <> · {t("cases.sameBirthYear")}</>}
                {c.overlappingEvents > 0 && <> · {t("cases.overlapping", { count: c.overlappingEvents })}</>}
              </span>
              <DialogButton label={t("cases.mergeHere")} title={t("cases.mergeHere")} className="secondary">
                {(close) => (
                  <>
                    <p>{t("cases.confirmMerge", { duplicate: c.ref, survivor: props.survivor.ref })}</p>
                    <div className="dialog-actions">
                      <button type="button" className="secondary" onClick={close}>
                        {t("cases.cancel")}
                      </button>
                      <button
                        type="button"
                        onClick={async () => {
                          const result = await mergeCasesAction({
                            survivorId: props.survivor.id,
                            duplicateId: c.id,
                            survivorVersion: props.survivor.version,
                            duplicateVersion: c.version,
                          });
                          close();
                          if (result.ok) {
                            setNotice({ kind: "ok", text: t("cases.merged") });
                            router.refresh();
                          } else setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result)}`) });
                        }}
                      >
                        {t("cases.confirm")}
                      </button>
                    </div>
                  </>
                )}
              </DialogButton>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
