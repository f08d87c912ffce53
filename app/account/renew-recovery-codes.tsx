"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { DialogButton } from "@/app/_components/dialog-button";
import { renewRecoveryCodesAction } from "./actions";
import { PasswordAgainForm } from "./password-again-form";
import { RecoveryCodeList } from "./recovery-code-list";

/**
 * New recovery codes in place of the old ones, after the password is typed again in a dialog. The
 * codes are then shown on the page, not in the dialog, so that no key (Escape) can hide them before
 * their owner says they are kept: they are shown only this once.
 */
export function RenewRecoveryCodes() {
  const t = useTranslations();
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (codes) heading.current?.focus();
  }, [codes]);
  return (
    <>
      <span ref={opener}>
        <DialogButton label={t("account.renewCodes")} title={t("account.renewCodes")} className="secondary">
          {(close) => (
            <PasswordAgainForm
              id="renew-password"
              submitLabel={t("account.renewCodes")}
              close={close}
              action={renewRecoveryCodesAction}
              onDone={(data) => {
                close();
                setCodes(data.recoveryCodes);
                // The status above now says ten codes left.
                router.refresh();
              }}
            >
              <p>{t("account.renewIntro")}</p>
            </PasswordAgainForm>
          )}
        </DialogButton>
      </span>
      {codes && (
        <section className="new-recovery-codes" aria-labelledby="new-recovery-codes">
          <h3 id="new-recovery-codes" ref={heading} tabIndex={-1}>
            {t("account.newCodesTitle")}
          </h3>
          <RecoveryCodeList codes={codes} />
          <button
            type="button"
            onClick={() => {
              setCodes(null);
              // The section goes with its button: focus returns to the button that opened the dialog.
              opener.current?.querySelector("button")?.focus();
            }}
          >
            {t("account.renewDone")}
          </button>
        </section>
      )}
    </>
  );
}
