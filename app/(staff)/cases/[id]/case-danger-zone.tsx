"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DialogButton } from "@/app/_components/dialog-button";
import { applyActionErrors } from "@/app/_components/action-errors";
import { deleteCaseAction, restoreCaseAction } from "../actions";

/** Delete (soft, with confirmation) and, for admins, restore. */
export function CaseDangerZone(props: {
  id: string;
  version: number;
  caseRef: string;
  canDelete: boolean;
  canRestore: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  if (!props.canDelete && !props.canRestore) return null;
  return (
    <section className="row-actions" aria-label={t("cases.delete")}>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      {props.canDelete && (
        <DialogButton label={t("cases.delete")} title={t("cases.delete")} className="danger">
          {(close) => (
            <>
              <p>{t("cases.confirmDelete", { ref: props.caseRef })}</p>
              <div className="dialog-actions">
                <button type="button" className="secondary" onClick={close}>
                  {t("cases.cancel")}
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={async () => {
                    const result = await deleteCaseAction({ id: props.id, version: props.version });
                    close();
                    if (result.ok) router.push("/cases");
                    else setError(t(`errors.${applyActionErrors(result)}`));
                  }}
                >
                  {t("cases.confirm")}
                </button>
              </div>
            </>
          )}
        </DialogButton>
      )}
      {props.canRestore && (
        <button
          type="button"
          onClick={async () => {
            const result = await restoreCaseAction({ id: props.id });
            if (result.ok) router.refresh();
            else setError(t(`errors.${applyActionErrors(result)}`));
          }}
        >
          {t("cases.restore")}
        </button>
      )}
    </section>
  );
}
