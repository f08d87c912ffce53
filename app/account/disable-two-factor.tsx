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
import { disableTwoFactorAction } from "./actions";

/** Turning two-factor off asks for the password again, in a dialog. */
export function DisableTwoFactor({ required }: { required: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  const { register, handleSubmit, formState, setError } = useForm<
    z.input<typeof passwordAgainSchema>,
    unknown,
    z.output<typeof passwordAgainSchema>
  >({ resolver: zodResolver(passwordAgainSchema), defaultValues: { password: "" } });
  return (
    <>
      <DialogButton label={t("account.disable")} title={t("account.disable")} className="danger">
        {(close) => (
          <form
            className="form"
            method="post"
            noValidate
            onSubmit={handleSubmit(async (values) => {
              const result = await disableTwoFactorAction(values);
              if (result.ok) {
                close();
                setNotice({ kind: "ok", text: t("account.disabled") });
                // Off for a role that requires it: the next request goes to enrolment.
                if (required) router.push("/account/two-factor");
              } else if (result.error === "invalid") applyActionErrors(result, setError);
              else setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result)}`) });
            })}
          >
            <p>{t("account.disableIntro")}</p>
            {required && <p>{t("account.disableRequiredWarning")}</p>}
            <Field id="disable-password" label={t("account.password")} error={formState.errors.password}>
              {(aria) => <input {...aria} type="password" autoComplete="current-password" {...register("password")} />}
            </Field>
            <div className="dialog-actions">
              <button type="button" className="secondary" onClick={close}>
                {t("account.cancel")}
              </button>
              <button type="submit" className="danger" disabled={formState.isSubmitting}>
                {t("account.disable")}
              </button>
            </div>
          </form>
        )}
      </DialogButton>
      <NoticeMessage notice={notice} />
    </>
  );
}
