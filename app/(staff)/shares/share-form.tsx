"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/app/_components/action-errors";
import { Field } from "@/app/_components/field";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import type { ShareableOrganisation, ShareOutcome } from "@/lib/data/shares";
import { latestExpiry, SHARE_PROFILE, utcToday } from "@/lib/domain/share";
import { shareSchema, type ShareInput } from "@/lib/validation/share";
import { shareCasesAction } from "./actions";

const DEFAULT_DAYS = 90;

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The case ids ticked in the /cases table, whose checkboxes belong to the form `selectionFormId`. */
function selectedCaseIds(selectionFormId: string): string[] {
  const boxes = document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${selectionFormId}"]:checked`);
  return [...boxes].map((box) => box.value).filter(Boolean);
}

/**
 * Grants one organisation a profile of the given cases until an expiry date. Either `caseIds` is
 * fixed (the case page) or the ticked rows of a table are read when the form is sent (/cases).
 */
export function ShareForm(props: {
  id: string;
  organisations: ShareableOrganisation[];
  caseIds?: string[];
  selectionFormId?: string;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  const [refused, setRefused] = useState<ShareOutcome["refused"]>([]);
  const today = utcToday();
  const form = useForm<ShareInput>({
    resolver: zodResolver(shareSchema),
    defaultValues: {
      caseIds: props.caseIds ?? [],
      organisationId: "",
      profile: "SUMMARY",
      expiresOn: inDays(DEFAULT_DAYS),
    },
  });
  const { register, handleSubmit, setValue, setError, formState } = form;
  const { errors, isSubmitting } = formState;

  const collectSelection = () => {
    if (props.selectionFormId) setValue("caseIds", selectedCaseIds(props.selectionFormId));
  };

  const onSubmit = handleSubmit(async (values) => {
    setNotice(null);
    setRefused([]);
    const result = await shareCasesAction(values);
    if (!result.ok) {
      setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result, setError)}`) });
      return;
    }
    if (result.data.refused.length > 0) {
      setRefused(result.data.refused);
      setNotice({ kind: "error", text: t("shares.refusedIntro") });
      return;
    }
    setNotice({ kind: "ok", text: t("shares.done", { granted: result.data.granted, renewed: result.data.renewed }) });
    router.refresh();
  });

  if (props.organisations.length === 0) return <p className="muted">{t("shares.noOrganisations")}</p>;
  const field = (name: string) => `${props.id}-${name}`;
  return (
    <form
      id={props.id}
      onSubmit={(event) => (collectSelection(), onSubmit(event))}
      noValidate
      aria-describedby={`${props.id}-note`}
    >
      <p id={`${props.id}-note`} className="muted">
        {t("shares.formNote")}
      </p>
      {errors.caseIds?.message && (
        <p className="alert error" role="alert">
          {t(`validation.${errors.caseIds.message}`)}
        </p>
      )}
      <div className="form-grid">
        <Field id={field("organisation")} label={t("shares.organisation")} error={errors.organisationId}>
          {(aria) => (
            <select {...aria} {...register("organisationId")}>
              <option value="">{t("shares.chooseOrganisation")}</option>
              {props.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={field("profile")} label={t("shares.profile")} hint={t("shares.profileHint")} error={errors.profile}>
          {(aria) => (
            <select {...aria} {...register("profile")}>
              {SHARE_PROFILE.map((p) => (
                <option key={p} value={p}>
                  {t(`shares.profiles.${p}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={field("expires")}
          label={t("shares.expiresOn")}
          hint={t("shares.expiresHint")}
          error={errors.expiresOn}
        >
          {(aria) => <input {...aria} type="date" min={today} max={latestExpiry(today)} {...register("expiresOn")} />}
        </Field>
      </div>
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? t("shares.sharing") : t("shares.share")}
      </button>
      <NoticeMessage notice={notice} />
      {refused.length > 0 && (
        <ul data-testid="share-refused">
          {refused.map((r) => (
            <li key={r.caseId}>{t(`shares.refusals.${r.reason}`, { ref: r.ref ?? r.caseId })}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
