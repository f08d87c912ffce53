"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { addAttributionAction } from "@/app/(staff)/sources/actions";
import { applyActionErrors } from "@/app/_components/action-errors";
import { Field } from "@/app/_components/field";
import type { SourceOption } from "@/lib/data/sources";
import { attributionSchema } from "@/lib/validation/source";
import { ClaimFields } from "@/app/_components/claim-fields";
import { NoticeMessage, type Notice } from "@/app/_components/notice";

type Values = z.input<typeof attributionSchema>;
type Output = z.output<typeof attributionSchema>;

const blank = (eventId: string): Values => ({
  eventId,
  sourceId: "",
  credibility: 6,
  claimedCount: "",
  claimedDate: "",
  excerpt: "",
});

/**
 * Adds a source's claim about an event (an attribution): pick an existing source, then its
 * credibility, the count and date it claims, and an excerpt. A second source for the same event
 * is added here, never as a new event. Render it only for actors with `case.write`; the action
 * checks again, and refreshes `/events/{eventId}` on success.
 *
 * @param eventId the live event the claim is about.
 * @param sources the sources to choose from: `await listSourceOptions(actor, { limit: 200 })`.
 *   The filter box narrows this list in the browser; it does not query the server.
 */
export function AttributionForm({ eventId, sources }: { eventId: string; sources: SourceOption[] }) {
  const t = useTranslations();
  const id = useId();
  const [filter, setFilter] = useState("");
  const [notice, setNotice] = useState<Notice>(null);
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(attributionSchema),
    defaultValues: blank(eventId),
  });
  const { register, handleSubmit, formState, setError, reset, control } = form;
  const selected = useWatch({ control, name: "sourceId" });

  const needle = filter.trim().toLowerCase();
  const shown = sources.filter(
    (s) => s.id === selected || !needle || `${s.title} ${s.publisher ?? ""}`.toLowerCase().includes(needle),
  );

  async function onSubmit(values: Output) {
    setNotice(null);
    const result = await addAttributionAction(values);
    if (result.ok) {
      reset(blank(eventId));
      setFilter("");
      setNotice({ kind: "ok", text: t("attributions.added") });
    } else {
      setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result, setError)}`) });
    }
  }

  const { errors, isSubmitting } = formState;
  return (
    <FormProvider {...form}>
      <form
        method="post"
        className="form"
        onSubmit={handleSubmit(onSubmit)}
        noValidate
        aria-label={t("attributions.title")}
      >
        <h3>{t("attributions.title")}</h3>
        <NoticeMessage notice={notice} />
        <Field id={`${id}-filter`} label={t("attributions.filter")} hint={t("attributions.filterHint")}>
          {(aria) => (
            <input
              {...aria}
              type="search"
              autoComplete="off"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={`${id}-source`}
          label={t("attributions.source")}
          hint={shown.length === 0 ? t("attributions.noSources") : undefined}
          error={errors.sourceId}
        >
          {(aria) => (
            <select {...aria} {...register("sourceId")}>
              <option value="">{t("attributions.chooseSource")}</option>
              {shown.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.publisher ? `${s.title} — ${s.publisher}` : s.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p>
          <Link href={`/sources/new?forEvent=${encodeURIComponent(eventId)}`}>{t("attributions.newSource")}</Link>
        </p>
        <ClaimFields id={id} />
        <div>
          <button type="submit" disabled={isSubmitting}>
            {isSubmitting ? t("attributions.adding") : t("attributions.add")}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
