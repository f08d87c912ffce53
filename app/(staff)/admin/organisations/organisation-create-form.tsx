"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyActionErrors } from "@/app/_components/action-errors";
import { Field } from "@/app/_components/field";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import { organisationCreateSchema } from "@/lib/validation/organisation";
import { createOrganisationAction } from "./actions";

type Input = z.input<typeof organisationCreateSchema>;
type Output = z.output<typeof organisationCreateSchema>;

export function OrganisationCreateForm() {
  const t = useTranslations();
  const [notice, setNotice] = useState<Notice>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<Input, unknown, Output>({
    resolver: zodResolver(organisationCreateSchema),
    defaultValues: { name: "" },
  });

  async function onSubmit(values: Output) {
    setNotice(null);
    const result = await createOrganisationAction(values);
    if (result.ok) {
      reset();
      setNotice({ kind: "ok", text: t("organisations.created", { name: result.data.name }) });
    } else {
      setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result, setError)}`) });
    }
  }

  return (
    <form
      method="post"
      className="form"
      onSubmit={handleSubmit(onSubmit)}
      noValidate
      aria-label={t("organisations.createTitle")}
    >
      <NoticeMessage notice={notice} />
      <Field
        id="new-organisation-name"
        label={t("organisations.name")}
        hint={t("organisations.nameHint")}
        error={formState.errors.name}
      >
        {(aria) => <input {...aria} autoComplete="off" {...register("name")} />}
      </Field>
      <div>
        <button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t("organisations.creating") : t("organisations.create")}
        </button>
      </div>
    </form>
  );
}
