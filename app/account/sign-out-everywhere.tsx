"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DialogButton } from "@/app/_components/dialog-button";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import { signOutEverywhereAction } from "./actions";

/** Ends every session of the user, this one included, after a confirmation. */
export function SignOutEverywhere() {
  const t = useTranslations();
  const [notice, setNotice] = useState<Notice>(null);
  return (
    <>
      <DialogButton label={t("account.signOutEverywhere")} title={t("account.signOutEverywhere")} className="danger">
        {(close) => (
          <>
            <p>{t("account.signOutEverywhereConfirm")}</p>
            <div className="dialog-actions">
              <button type="button" className="secondary" onClick={close}>
                {t("account.cancel")}
              </button>
              <button
                type="button"
                className="danger"
                onClick={async () => {
                  const result = await signOutEverywhereAction({});
                  close();
                  if (result.ok || result.error === "unauthenticated") await signOut({ callbackUrl: "/login" });
                  else setNotice({ kind: "error", text: t("errors.server") });
                }}
              >
                {t("account.signOutEverywhere")}
              </button>
            </div>
          </>
        )}
      </DialogButton>
      <NoticeMessage notice={notice} />
    </>
  );
}
