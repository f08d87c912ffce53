"use client";

import { useTranslations } from "next-intl";
import { useFormContext } from "react-hook-form";
import { Field } from "@/app/_components/field";
import { CREDIBILITY } from "@/lib/validation/source";

/** The fields of a source's claim about an event, as both attribution forms take them. */
export type ClaimValues = {
  credibility: number;
  claimedCount: string | null;
  claimedDate: string | null;
  excerpt: string | null;
};

/**
 * Credibility, the count and date the source claims, and its excerpt, inside a react-hook-form
 * FormProvider whose values include ClaimValues (the add form, attribution-form.tsx, and the edit
 * dialog, attribution-edit.tsx). `id` prefixes the controls' ids, unique per form.
 */
export function ClaimFields({ id }: { id: string }) {
  const t = useTranslations();
  const {
    register,
    formState: { errors },
  } = useFormContext<ClaimValues>();
  return (
    <>
      <Field
        id={`${id}-credibility`}
        label={t("attributions.credibility")}
        hint={t("attributions.credibilityHint")}
        error={errors.credibility}
      >
        {(aria) => (
          <select {...aria} {...register("credibility", { valueAsNumber: true })}>
            {CREDIBILITY.map((c) => (
              <option key={c} value={c}>
                {t(`attributions.credibilities.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(["claimedCount", "claimedDate"] as const).map((name) => (
        <Field
          key={name}
          id={`${id}-${name}`}
          label={t(`attributions.${name}`)}
          hint={t(`attributions.${name}Hint`)}
          error={errors[name]}
        >
          {(aria) => <input {...aria} autoComplete="off" {...register(name)} />}
        </Field>
      ))}
      <Field
        id={`${id}-excerpt`}
        label={t("attributions.excerpt")}
        hint={t("attributions.excerptHint")}
        error={errors.excerpt}
      >
        {(aria) => <textarea {...aria} rows={4} {...register("excerpt")} />}
      </Field>
    </>
  );
}
