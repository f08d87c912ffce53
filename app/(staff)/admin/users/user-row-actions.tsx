"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { applyActionErrors } from "@/app/_components/action-errors";
import { DialogButton } from "@/app/_components/dialog-button";
import { Field } from "@/app/_components/field";
import type { ActionResult } from "@/lib/auth/action";
import type { OrganisationDto } from "@/lib/data/organisations";
import type { UserDto } from "@/lib/data/users";
import { ROLES } from "@/lib/domain/policy";
import { passwordResetSchema, userRoleSchema } from "@/lib/validation/user";
import { changeUserRoleAction, resetUserPasswordAction, setUserActiveAction } from "./actions";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import { ResetTwoFactorButton } from "./two-factor-controls";

export function UserRowActions({ user, organisations }: { user: UserDto; organisations: OrganisationDto[] }) {
  const t = useTranslations();
  const [notice, setNotice] = useState<Notice>(null);
  const report = (result: ActionResult<unknown>, ok: string) =>
    setNotice(
      result.ok
        ? { kind: "ok", text: ok }
        : { kind: "error", text: t(`errors.${applyActionErrors(result)}`) + describe(result) },
    );
  const describe = (result: ActionResult<unknown>) => {
    const key = !result.ok ? Object.values(result.fieldErrors ?? {})[0]?.[0] : undefined;
    return key && t.has(`validation.${key}`) ? ` ${t(`validation.${key}`)}` : "";
  };

  return (
    <div className="row-actions">
      <RoleForm user={user} organisations={organisations} onDone={(r) => report(r, t("users.roleChanged"))} />
      <DialogButton
        label={user.active ? t("users.deactivate") : t("users.reactivate")}
        title={user.active ? t("users.deactivate") : t("users.reactivate")}
        className={user.active ? "danger" : "secondary"}
      >
        {(close) => (
          <>
            <p>{t(user.active ? "users.confirmDeactivate" : "users.confirmReactivate", { email: user.email })}</p>
            <div className="dialog-actions">
              <button type="button" className="secondary" onClick={close}>
                {t("users.cancel")}
              </button>
              <button
                type="button"
                className={user.active ? "danger" : undefined}
                onClick={async () => {
                  const result = await setUserActiveAction({ userId: user.id, active: !user.active });
                  close();
                  report(result, t(user.active ? "users.deactivated" : "users.reactivated", { email: user.email }));
                }}
              >
                {t("users.confirm")}
              </button>
            </div>
          </>
        )}
      </DialogButton>
      <DialogButton label={t("users.resetPassword")} title={t("users.resetPassword")} className="secondary">
        {(close) => <PasswordForm user={user} onDone={(r) => (r.ok && close(), report(r, t("users.passwordReset")))} />}
      </DialogButton>
      <ResetTwoFactorButton user={user} onDone={setNotice} />
      <NoticeMessage notice={notice} />
    </div>
  );
}

function RoleForm(props: {
  user: UserDto;
  organisations: OrganisationDto[];
  onDone: (r: ActionResult<unknown>) => void;
}) {
  const t = useTranslations();
  const { register, handleSubmit, control, formState } = useForm<
    z.input<typeof userRoleSchema>,
    unknown,
    z.output<typeof userRoleSchema>
  >({
    resolver: zodResolver(userRoleSchema),
    defaultValues: { userId: props.user.id, role: props.user.role, organisationId: props.user.organisation?.id ?? "" },
  });
  const role = useWatch({ control, name: "role" });
  const id = `role-${props.user.id}`;
  return (
    <form method="post" onSubmit={handleSubmit(async (values) => props.onDone(await changeUserRoleAction(values)))}>
      <label htmlFor={id} className="visually-hidden">
        {t("users.changeRole")}
      </label>
      <select id={id} {...register("role")}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
      {role === "PARTNER" && (
        <select
          aria-label={t("users.organisation")}
          {...register("organisationId")}
          aria-invalid={Boolean(formState.errors.organisationId)}
        >
          <option value="">{t("users.chooseOrganisation")}</option>
          {props.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      )}
      <button type="submit" className="secondary" disabled={formState.isSubmitting}>
        {t("users.saveRole")}
      </button>
    </form>
  );
}

function PasswordForm(props: { user: UserDto; onDone: (r: ActionResult<unknown>) => void }) {
  const t = useTranslations();
  const { register, handleSubmit, formState, setError } = useForm<
    z.input<typeof passwordResetSchema>,
    unknown,
    z.output<typeof passwordResetSchema>
  >({
    resolver: zodResolver(passwordResetSchema),
    defaultValues: { userId: props.user.id, password: "" },
  });
  return (
    <form
      method="post"
      className="form"
      noValidate
      onSubmit={handleSubmit(async (values) => {
        const result = await resetUserPasswordAction(values);
        if (!result.ok) applyActionErrors(result, setError);
        props.onDone(result);
      })}
    >
      <Field
        id={`password-${props.user.id}`}
        label={t("users.newPassword", { email: props.user.email })}
        hint={t("users.passwordHint")}
        error={formState.errors.password}
      >
        {(aria) => <input {...aria} type="password" autoComplete="new-password" {...register("password")} />}
      </Field>
      <div className="dialog-actions">
        <button type="submit" disabled={formState.isSubmitting}>
          {t("users.resetPassword")}
        </button>
      </div>
    </form>
  );
}
