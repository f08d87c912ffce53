"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DialogButton } from "@/app/_components/dialog-button";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import { disableTwoFactorAction } from "./actions";
import { PasswordAgainForm } from "./password-again-form";

/** Turning two-factor off asks for the password again, in a dialog. */
export function DisableTwoFactor({ required }: { required: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  return (
    <>
      <DialogButton label={t("account.disable")} title={t("account.disable")} className="danger">
        {(close) => (
          <PasswordAgainForm
            id="disable-password"
            submitLabel={t("account.disable")}
            danger
            close={close}
            action={disableTwoFactorAction}
            onDone={() => {
              close();
              setNotice({ kind: "ok", text: t("account.disabled") });
              // Off for a role that requires it: the next request goes to enrolment.
              if (required) router.push("/account/two-factor");
            }}
          >
            <p>{t("account.disableIntro")}</p>
            {required && <p>{t("account.disableRequiredWarning")}</p>}
          </PasswordAgainForm>
        )}
      </DialogButton>
      <NoticeMessage notice={notice} />
    </>
  );
}
