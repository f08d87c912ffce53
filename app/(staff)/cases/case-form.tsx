"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyActionErrors } from "@/app/_components/action-errors";
import { Field } from "@/app/_components/field";
import { AGE_GROUP, NK_PROVINCES, SEX } from "@/lib/domain/enums";
import { caseSchema, type CaseInput } from "@/lib/validation/case";
import { createCaseAction, updateCaseAction } from "./actions";
import { ConflictNotice } from "./conflict-notice";
import { NoticeMessage, type Notice } from "@/app/_components/notice";

type Values = z.input<typeof caseSchema>;

/** Values as the form holds them: aliases one per line, birth year as text. */
export function toFormValues(value: CaseInput): Values {
  return {
    ...value,
    aliases: value.aliases.join("\n"),
    birthYear: value.birthYear === null ? "" : String(value.birthYear),
  } as Values;
}

/** Creates a case, or edits one loaded at `version` (a stale save shows what someone else changed). */
export function CaseForm(props: { initial?: CaseInput; id?: string; version?: number }) {
  const t = useTranslations();
  const router = useRouter();
  const [version, setVersion] = useState(props.version);
  const [notice, setNotice] = useState<Notice>(null);
  const [conflict, setConflict] = useState<(CaseInput & { version: number }) | null>(null);
  const form = useForm<Values, unknown, CaseInput>({
    resolver: zodResolver(caseSchema),
    defaultValues: props.initial
      ? toFormValues(props.initial)
      : { sex: "UNKNOWN", ageGroup: "UNKNOWN", aliases: "", originProvince: "", birthYear: "" },
  });
  const { register, handleSubmit, formState, setError, reset } = form;
  const { errors, isSubmitting } = formState;

  async function onSubmit(values: CaseInput) {
    setNotice(null);
    setConflict(null);
    if (!props.id) {
      const result = await createCaseAction(values);
      if (result.ok) return router.push(`/cases/${result.data.id}`);
      return setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result, setError)}`) });
    }
    const result = await updateCaseAction({ ...values, id: props.id, version });
    if (result.ok) {
      setVersion(result.data.version);
      setNotice({ kind: "ok", text: t("cases.saved") });
      return router.refresh();
    }
    if (result.error === "conflict") return setConflict(result.current as CaseInput & { version: number });
    setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result, setError)}`) });
  }

  const text = (name: "fullName" | "contact", label: string) => (
    <Field id={`case-${name}`} label={label} error={errors[name]}>
      {(aria) => <input {...aria} autoComplete="off" {...register(name)} />}
    </Field>
  );
  const check = (name: "pregnant" | "medicalNeeds" | "frail" | "consentToShare", label: string) => (
    <label className="check">
      <input type="checkbox" {...register(name)} /> {label}
    </label>
  );

  return (
    <form
      method="post"
      className="form wide"
      onSubmit={handleSubmit(onSubmit)}
      noValidate
      aria-label={props.id ? t("cases.edit") : t("cases.newTitle")}
    >
      <NoticeMessage notice={notice} />
      {conflict && (
        <ConflictNotice
          mine={form.getValues()}
          theirs={conflict}
          onReload={() => {
            reset(toFormValues(conflict));
            setVersion(conflict.version);
            setConflict(null);
          }}
        />
      )}
      <fieldset>
        <legend>{t("cases.identity")}</legend>
        <div className="grid-2">
          {text("fullName", t("cases.fullName"))}
          <Field id="case-aliases" label={t("cases.aliases")} hint={t("cases.aliasesHint")} error={errors.aliases}>
            {(aria) => <textarea {...aria} rows={2} {...register("aliases")} />}
          </Field>
          {text("contact", t("cases.contact"))}
          <Field id="case-birthYear" label={t("cases.birthYear")} error={errors.birthYear}>
            {(aria) => <input {...aria} inputMode="numeric" {...register("birthYear")} />}
          </Field>
        </div>
        <Field id="case-notes" label={t("cases.notes")} error={errors.notes}>
          {(aria) => <textarea {...aria} rows={4} {...register("notes")} />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t("cases.details")}</legend>
        <div className="grid-2">
          <Field id="case-sex" label={t("cases.sex")} error={errors.sex}>
            {(aria) => (
              <select {...aria} {...register("sex")}>
                {SEX.map((s) => (
                  <option key={s} value={s}>
                    {t(`sexes.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="case-ageGroup" label={t("cases.ageGroup")} error={errors.ageGroup}>
            {(aria) => (
              <select {...aria} {...register("ageGroup")}>
                {AGE_GROUP.map((s) => (
                  <option key={s} value={s}>
                    {t(`ageGroups.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="case-originProvince" label={t("cases.origin_label")} error={errors.originProvince}>
            {(aria) => (
              <select {...aria} {...register("originProvince")}>
                <option value="">{t("cases.any")}</option>
                {NK_PROVINCES.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div role="group" aria-label={t("cases.vulnerability")} className="filter-actions">
          {check("pregnant", t("cases.pregnant"))}
          {check("medicalNeeds", t("cases.medicalNeeds"))}
          {check("frail", t("cases.frail"))}
        </div>
        {check("consentToShare", t("cases.consentToShare"))}
      </fieldset>
      <div>
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t("cases.saving") : props.id ? t("cases.save") : t("cases.create")}
        </button>
      </div>
    </form>
  );
}
