"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { applyActionErrors } from "@/app/_components/action-errors";
import { Field } from "@/app/_components/field";
import type { OrganisationDto } from "@/lib/data/organisations";
import { ROLES } from "@/lib/domain/policy";
import { userCreateSchema } from "@/lib/validation/user";
import { createUserAction } from "./actions";
import { NoticeMessage, type Notice } from "@/app/_components/notice";

type Input = z.input<typeof userCreateSchema>;
type Output = z.output<typeof userCreateSchema>;

export function UserCreateForm({ organisations }: { organisations: OrganisationDto[] }) {
  const t = useTranslations();
  const [notice, setNotice] = useState<Notice>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(userCreateSchema),
    defaultValues: { name: "", email: "", role: "RESEARCHER", organisationId: "", password: "" },
  });
  const { register, handleSubmit, formState, control, setError, reset } = form;
  const role = useWatch({ control, name: "role" });

  async function onSubmit(values: Output) {
    setNotice(null);
    const result = await createUserAction(values);
    if (result.ok) {
      reset();
      setNotice({ kind: "ok", text: t("users.created", { email: result.data.email }) });
    } else {
      setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result, setError)}`) });
    }
  }

  const { errors, isSubmitting } = formState;
  return (
    <form
      method="post"
      className="form"
      onSubmit={handleSubmit(onSubmit)}
      noValidate
      aria-label={t("users.createTitle")}
    >
      <NoticeMessage notice={notice} />
      <Field id="new-name" label={t("users.name")} error={errors.name}>
        {(aria) => <input {...aria} autoComplete="off" {...register("name")} />}
      </Field>
      <Field id="new-email" label={t("users.email")} error={errors.email}>
        {(aria) => <input {...aria} type="email" autoComplete="off" {...register("email")} />}
      </Field>
      <Field id="new-role" label={t("users.role")} error={errors.role}>
        {(aria) => (
          <select {...aria} {...register("role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {role === "PARTNER" && (
        <Field
          id="new-organisation"
          label={t("users.organisation")}
          hint={organisations.length ? undefined : t("users.noOrganisations")}
          error={errors.organisationId}
        >
          {(aria) => (
            <select {...aria} {...register("organisationId")}>
              <option value="">{t("users.chooseOrganisation")}</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id="new-password" label={t("users.password")} hint={t("users.passwordHint")} error={errors.password}>
        {(aria) => <input {...aria} type="password" autoComplete="new-password" {...register("password")} />}
      </Field>
      <div>
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t("users.creating") : t("users.create")}
        </button>
      </div>
    </form>
  );
}
