"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { applyActionErrors } from "@/app/_components/action-errors";
import { Field } from "@/app/_components/field";
import type { CaseOption } from "@/lib/data/case-list";
import { CN_PROVINCES, EVENT_TYPE, NK_PROVINCES } from "@/lib/domain/enums";
import { EVENT_COUNTRIES, eventSchema, type EventFormValues, type EventInput } from "@/lib/validation/event";
import { createEventAction, updateEventAction } from "./actions";
import { ParticipantPicker } from "./participant-picker";

/** Creates an event, or edits one loaded at `version`. */
export function EventForm(props: {
  initial?: EventFormValues;
  participants: CaseOption[];
  id?: string;
  version?: number;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [participants, setParticipants] = useState(props.participants);
  const [notice, setNotice] = useState<{ kind: "ok" | "error" | "conflict"; text: string } | null>(null);
  const form = useForm<EventFormValues, unknown, EventInput>({
    resolver: zodResolver(eventSchema),
    defaultValues: props.initial ?? {
      type: "APPREHENSION",
      date: "",
      country: "CN",
      province: "",
      people: "",
      participantIds: [],
    },
  });
  const { register, handleSubmit, formState, setError, control, setValue } = form;
  const country = useWatch({ control, name: "country" });
  const provinces = country === "KP" ? NK_PROVINCES : country === "CN" ? CN_PROVINCES : [];
  const { errors, isSubmitting } = formState;

  async function onSubmit(values: EventInput) {
    setNotice(null);
    const input = { ...values, participantIds: participants.map((p) => p.id) };
    const result = props.id
      ? await updateEventAction({
          ...form.getValues(),
          participantIds: input.participantIds,
          id: props.id,
          version: props.version,
        })
      : await createEventAction({ ...form.getValues(), participantIds: input.participantIds });
    if (result.ok) {
      if (!props.id && result.data && "id" in result.data) return router.push(`/events/${result.data.id}`);
      setNotice({ kind: "ok", text: t("events.saved") });
      return router.refresh();
    }
    if (result.error === "conflict") return setNotice({ kind: "conflict", text: t("events.conflictTitle") });
    setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result, setError)}`) });
  }

  return (
    <form
      method="post"
      className="form wide"
      onSubmit={handleSubmit(onSubmit)}
      noValidate
      aria-label={props.id ? t("events.edit") : t("events.newTitle")}
    >
      {notice && (
        <div
          className={`alert ${notice.kind === "ok" ? "ok" : "error"}`}
          role={notice.kind === "ok" ? "status" : "alert"}
        >
          {notice.text}{" "}
          {notice.kind === "conflict" && (
            <button type="button" className="secondary" onClick={() => window.location.reload()}>
              {t("events.reload")}
            </button>
          )}
        </div>
      )}
      <div className="grid-2">
        <Field id="event-type" label={t("events.type")} error={errors.type}>
          {(aria) => (
            <select {...aria} {...register("type")}>
              {EVENT_TYPE.map((type) => (
                <option key={type} value={type}>
                  {t(`eventTypes.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="event-date" label={t("events.date")} hint={t("events.dateHint")} error={errors.date}>
          {(aria) => <input {...aria} autoComplete="off" {...register("date")} />}
        </Field>
        <Field id="event-country" label={t("events.country")} error={errors.country}>
          {(aria) => (
            <select {...aria} {...register("country", { onChange: () => setValue("province", "") })}>
              <option value="">—</option>
              {EVENT_COUNTRIES.map((code) => (
                <option key={code} value={code}>
                  {t(`countries.${code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="event-province" label={t("events.province")} error={errors.province}>
          {(aria) => (
            <select {...aria} {...register("province")} disabled={provinces.length === 0}>
              <option value="">—</option>
              {provinces.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="event-place" label={t("events.place")} error={errors.place}>
          {(aria) => <input {...aria} autoComplete="off" {...register("place")} />}
        </Field>
        <Field id="event-facility" label={t("events.facility")} error={errors.facility}>
          {(aria) => <input {...aria} autoComplete="off" {...register("facility")} />}
        </Field>
      </div>
      <Field id="event-people" label={t("events.people")} hint={t("events.peopleHint")} error={errors.people}>
        {(aria) => <input {...aria} autoComplete="off" {...register("people")} />}
      </Field>
      <ParticipantPicker value={participants} onChange={setParticipants} />
      {errors.participantIds && <p className="alert error">{t("validation.participantInvalid")}</p>}
      <Field id="event-description" label={t("events.description")} error={errors.description}>
        {(aria) => <textarea {...aria} rows={4} {...register("description")} />}
      </Field>
      <div>
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t("events.saving") : t("events.save")}
        </button>
      </div>
    </form>
  );
}
