"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyActionErrors } from "@/app/_components/action-errors";
import { Field } from "@/app/_components/field";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import type { ActionResult } from "@/lib/auth/action";
import { passwordAgainSchema } from "@/lib/validation/two-factor";

type PasswordAgain = z.output<typeof passwordAgainSchema>;

/**
 * The password typed again before an account change (new recovery codes, two-factor off), as the
 * form of a dialog. A wrong password or a refusal is shown in the dialog; `onDone` gets what the
 * action returned.
 */
export function PasswordAgainForm<T>(props: {
  id: string;
  /** What the change does, above the field. */
  children: React.ReactNode;
  submitLabel: string;
  danger?: boolean;
  close: () => void;
  action: (input: PasswordAgain) => Promise<ActionResult<T>>;
  onDone: (data: T) => void;
}) {
  const t = useTranslations();
  const [notice, setNotice] = useState<Notice>(null);
  const { register, handleSubmit, formState, setError } = useForm<
    z.input<typeof passwordAgainSchema>,
    unknown,
    PasswordAgain
  >({ resolver: zodResolver(passwordAgainSchema), defaultValues: { password: "" } });
  return (
    <form
      className="form"
      method="post"
      noValidate
      onSubmit={handleSubmit(async (values) => {
        setNotice(null);
        const result = await props.action(values);
        if (result.ok) props.onDone(result.data);
        else if (result.error === "invalid") applyActionErrors(result, setError);
        else setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result)}`) });
      })}
    >
      <NoticeMessage notice={notice} />
      {props.children}
      <Field id={props.id} label={t("account.password")} error={formState.errors.password}>
        {(aria) => <input {...aria} type="password" autoComplete="current-password" {...register("password")} />}
      </Field>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={props.close}>
          {t("account.cancel")}
        </button>
        <button type="submit" className={props.danger ? "danger" : undefined} disabled={formState.isSubmitting}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
