"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyActionErrors } from "@/app/_components/action-errors";
import { Field } from "@/app/_components/field";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import { organisationRenameSchema } from "@/lib/validation/organisation";
import { renameOrganisationAction } from "../actions";

type Input = z.input<typeof organisationRenameSchema>;
type Output = z.output<typeof organisationRenameSchema>;

export function OrganisationRenameForm({ organisation }: { organisation: { id: string; name: string } }) {
  const t = useTranslations();
  const [notice, setNotice] = useState<Notice>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<Input, unknown, Output>({
    resolver: zodResolver(organisationRenameSchema),
    defaultValues: { organisationId: organisation.id, name: organisation.name },
  });

  async function onSubmit(values: Output) {
    setNotice(null);
    const result = await renameOrganisationAction(values);
    if (result.ok) {
      reset({ organisationId: organisation.id, name: result.data.name });
      setNotice({ kind: "ok", text: t("organisations.renamed", { name: result.data.name }) });
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
      aria-label={t("organisations.renameTitle")}
    >
      <NoticeMessage notice={notice} />
      <input type="hidden" {...register("organisationId")} />
      <Field
        id="organisation-name"
        label={t("organisations.name")}
        hint={t("organisations.nameHint")}
        error={formState.errors.name}
      >
        {(aria) => <input {...aria} autoComplete="off" {...register("name")} />}
      </Field>
      <div>
        <button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t("organisations.renaming") : t("organisations.rename")}
        </button>
      </div>
    </form>
  );
}
