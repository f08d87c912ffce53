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
import { createOrganisationAction, renameOrganisationAction } from "./actions";

type Input = z.input<typeof organisationCreateSchema>;
type Output = z.output<typeof organisationCreateSchema>;

/**
 * The organisation's name: a new organisation without `organisation`, a rename with it. The form
 * checks the name alone; the rename action gets the organisation's id from here and checks both.
 */
export function OrganisationNameForm({ organisation }: { organisation?: { id: string; name: string } }) {
  const t = useTranslations();
  const [notice, setNotice] = useState<Notice>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<Input, unknown, Output>({
    resolver: zodResolver(organisationCreateSchema),
    defaultValues: { name: organisation?.name ?? "" },
  });

  async function onSubmit(values: Output) {
    setNotice(null);
    const result = organisation
      ? await renameOrganisationAction({ organisationId: organisation.id, name: values.name })
      : await createOrganisationAction(values);
    if (!result.ok) {
      setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result, setError)}`) });
      return;
    }
    reset({ name: organisation ? result.data.name : "" });
    const done = organisation ? "organisations.renamed" : "organisations.created";
    setNotice({ kind: "ok", text: t(done, { name: result.data.name }) });
  }

  const busy = formState.isSubmitting;
  return (
    <form
      method="post"
      className="form"
      onSubmit={handleSubmit(onSubmit)}
      noValidate
      aria-label={t(organisation ? "organisations.renameTitle" : "organisations.createTitle")}
    >
      <NoticeMessage notice={notice} />
      <Field
        id={organisation ? "organisation-name" : "new-organisation-name"}
        label={t("organisations.name")}
        hint={t("organisations.nameHint")}
        error={formState.errors.name}
      >
        {(aria) => <input {...aria} autoComplete="off" {...register("name")} />}
      </Field>
      <div>
        <button type="submit" disabled={busy}>
          {organisation
            ? t(busy ? "organisations.renaming" : "organisations.rename")
            : t(busy ? "organisations.creating" : "organisations.create")}
        </button>
      </div>
    </form>
  );
}
