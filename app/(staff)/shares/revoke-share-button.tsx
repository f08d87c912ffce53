"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { applyActionErrors } from "@/app/_components/action-errors";
import { DialogButton } from "@/app/_components/dialog-button";
import { revokeShareAction } from "./actions";

/** Revokes a grant after confirmation; the partner's next request no longer finds the case. */
export function RevokeShareButton(props: { grantId: string; shareRef: string; organisation: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <DialogButton label={t("shares.revoke")} title={t("shares.revokeTitle")} className="danger">
        {(close) => (
          <>
            <p>{t("shares.confirmRevoke", { ref: props.shareRef, organisation: props.organisation })}</p>
            <div className="dialog-actions">
              <button type="button" className="secondary" onClick={close}>
                {t("shares.cancel")}
              </button>
              <button
                type="button"
                className="danger"
                onClick={async () => {
                  const result = await revokeShareAction({ grantId: props.grantId });
                  close();
                  if (result.ok) router.refresh();
                  else setError(t(`errors.${applyActionErrors(result)}`));
                }}
              >
                {t("shares.confirmRevokeButton")}
              </button>
            </div>
          </>
        )}
      </DialogButton>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
