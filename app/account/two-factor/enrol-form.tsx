"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyActionErrors } from "@/app/_components/action-errors";
import { Field } from "@/app/_components/field";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import { twoFactorConfirmSchema } from "@/lib/validation/two-factor";
import { confirmTwoFactorAction } from "../actions";
import { RecoveryCodeList } from "../recovery-code-list";

/** Confirms enrolment with a code, then shows the recovery codes, once. */
export function EnrolForm({ continueTo }: { continueTo: string }) {
  const t = useTranslations();
  const [notice, setNotice] = useState<Notice>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<
    z.input<typeof twoFactorConfirmSchema>,
    unknown,
    z.output<typeof twoFactorConfirmSchema>
  >({ resolver: zodResolver(twoFactorConfirmSchema), defaultValues: { code: "" } });

  if (recoveryCodes) {
    return (
      <section aria-labelledby="recovery-title">
        <h2 id="recovery-title">{t("account.recoveryTitle")}</h2>
        <RecoveryCodeList codes={recoveryCodes} />
        {/* A full navigation: the rest of the app renders afresh now that enrolment is done. */}
        <a href={continueTo}>{t("account.continue")}</a>
      </section>
    );
  }
  return (
    <form
      className="form"
      method="post"
      noValidate
      onSubmit={handleSubmit(async (values) => {
        setNotice(null);
        const result = await confirmTwoFactorAction(values);
        if (result.ok) setRecoveryCodes(result.data.recoveryCodes);
        else if (result.error !== "invalid")
          setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result)}`) });
        else applyActionErrors(result, setError);
      })}
    >
      <NoticeMessage notice={notice} />
      <Field id="totp-code" label={t("account.code")} hint={t("account.codeHint")} error={formState.errors.code}>
        {(aria) => (
          <input {...aria} type="text" inputMode="numeric" autoComplete="one-time-code" {...register("code")} />
        )}
      </Field>
      <button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("account.confirming") : t("account.confirm")}
      </button>
    </form>
  );
}
