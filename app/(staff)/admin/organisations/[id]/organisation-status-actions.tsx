"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { applyActionErrors } from "@/app/_components/action-errors";
import { DialogButton } from "@/app/_components/dialog-button";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import { deactivateOrganisationAction, reactivateOrganisationAction } from "../actions";

/** Deactivate or reactivate, each behind a confirmation dialog that says what will happen. */
export function OrganisationStatusActions({
  organisation,
}: {
  organisation: { id: string; name: string; active: boolean };
}) {
  const t = useTranslations();
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const { id: organisationId, name, active } = organisation;

  async function run(close: () => void) {
    setBusy(true);
    setNotice(null);
    if (active) {
      const result = await deactivateOrganisationAction({ organisationId });
      setNotice(
        result.ok
          ? {
              kind: "ok",
              text: t("organisations.deactivated", {
                name,
                grants: result.data.revokedGrants,
                users: result.data.signedOutUsers,
              }),
            }
          : { kind: "error", text: t(`errors.${applyActionErrors(result)}`) },
      );
    } else {
      const result = await reactivateOrganisationAction({ organisationId });
      setNotice(
        result.ok
          ? { kind: "ok", text: t("organisations.reactivated", { name }) }
          : { kind: "error", text: t(`errors.${applyActionErrors(result)}`) },
      );
    }
    setBusy(false);
    close();
  }

  const label = active ? t("organisations.deactivate") : t("organisations.reactivate");
  return (
    <div>
      <NoticeMessage notice={notice} />
      <DialogButton label={label} title={label} className={active ? "danger" : "secondary"}>
        {(close) => (
          <>
            <p>{t(active ? "organisations.confirmDeactivate" : "organisations.confirmReactivate", { name })}</p>
            <div className="dialog-actions">
              <button type="button" className="secondary" onClick={close}>
                {t("organisations.cancel")}
              </button>
              <button
                type="button"
                className={active ? "danger" : undefined}
                disabled={busy}
                onClick={() => run(close)}
              >
                {t("organisations.confirm")}
              </button>
            </div>
          </>
        )}
      </DialogButton>
    </div>
  );
}
