"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyActionErrors } from "@/app/_components/action-errors";
import { DialogButton } from "@/app/_components/dialog-button";
import { Field } from "@/app/_components/field";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import { passwordAgainSchema } from "@/lib/validation/two-factor";
import { renewRecoveryCodesAction } from "./actions";
import { RecoveryCodeList } from "./recovery-code-list";

/**
 * New recovery codes in place of the old ones, after the password is typed again, in a dialog that
 * then shows them once.
 */
export function RenewRecoveryCodes() {
  const t = useTranslations();
  return (
    <DialogButton label={t("account.renewCodes")} title={t("account.renewCodes")} className="secondary">
      {(close) => <RenewForm close={close} />}
    </DialogButton>
  );
}

function RenewForm({ close }: { close: () => void }) {
  const t = useTranslations();
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<
    z.input<typeof passwordAgainSchema>,
    unknown,
    z.output<typeof passwordAgainSchema>
  >({ resolver: zodResolver(passwordAgainSchema), defaultValues: { password: "" } });

  if (codes) {
    return (
      <>
        <RecoveryCodeList codes={codes} />
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            {t("account.renewDone")}
          </button>
        </div>
      </>
    );
  }
  return (
    <form
      className="form"
      method="post"
      noValidate
      onSubmit={handleSubmit(async (values) => {
        setNotice(null);
        const result = await renewRecoveryCodesAction(values);
        if (result.ok) {
          setCodes(result.data.recoveryCodes);
          // The page behind shows ten codes left; the dialog keeps the codes on screen meanwhile.
          router.refresh();
        } else if (result.error === "invalid") applyActionErrors(result, setError);
        else setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result)}`) });
      })}
    >
      <NoticeMessage notice={notice} />
      <p>{t("account.renewIntro")}</p>
      <Field id="renew-password" label={t("account.password")} error={formState.errors.password}>
        {(aria) => <input {...aria} type="password" autoComplete="current-password" {...register("password")} />}
      </Field>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={close}>
          {t("account.cancel")}
        </button>
        <button type="submit" disabled={formState.isSubmitting}>
          {t("account.renewCodes")}
        </button>
      </div>
    </form>
  );
}
