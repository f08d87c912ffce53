"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyActionErrors } from "@/app/_components/action-errors";
import { DialogButton } from "@/app/_components/dialog-button";
import { Field } from "@/app/_components/field";
import type { ActionResult } from "@/lib/auth/action";
import type { SourceDto } from "@/lib/data/sources";
import { RELIABILITY, SOURCE_KIND } from "@/lib/domain/enums";
import { EXISTING_SOURCE_FIELD, sourceSchema } from "@/lib/validation/source";
import { createSourceAction, deleteSourceAction, updateSourceAction } from "./actions";

type Values = z.input<typeof sourceSchema>;
type Output = z.output<typeof sourceSchema>;
type Failure = Extract<ActionResult<unknown>, { ok: false }>;
type Notice = { kind: "ok" | "error"; text: string } | null;

const EDITABLE = ["kind", "title", "publisher", "url", "publishedOn", "reliability", "confidential"] as const;
const LABEL_KEYS = {
  kind: "kind",
  title: "titleField",
  publisher: "publisher",
  url: "url",
  publishedOn: "publishedOn",
  reliability: "reliability",
  confidential: "confidential",
} as const;

function toValues(source?: SourceDto): Values {
  return {
    kind: source?.kind ?? "NGO_REPORT",
    title: source?.title ?? "",
    publisher: source?.publisher ?? "",
    url: source?.url ?? "",
    publishedOn: source?.publishedOn ?? "",
    reliability: source?.reliability ?? "F",
    confidential: source?.confidential ?? false,
  };
}

/**
 * Creates a source, or edits `source` from the version it was loaded at. After a create it goes
 * to `returnTo`, or to the new source's page. A stale edit shows which fields someone else changed.
 */
export function SourceForm({ source, returnTo }: { source?: SourceDto; returnTo?: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [base, setBase] = useState(source);
  const [notice, setNotice] = useState<Notice>(null);
  const [existingId, setExistingId] = useState<string | null>(null);
  const [conflict, setConflict] = useState<SourceDto | null>(null);
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(sourceSchema),
    defaultValues: toValues(source),
  });
  const { register, handleSubmit, formState, setError, reset } = form;

  function fail(result: Failure) {
    const { [EXISTING_SOURCE_FIELD]: existing, ...fieldErrors } = result.fieldErrors ?? {};
    setExistingId(existing?.[0] ?? null);
    if (result.error === "conflict" && base) setConflict(result.current as SourceDto);
    setNotice({ kind: "error", text: t(`errors.${applyActionErrors({ ...result, fieldErrors }, setError)}`) });
  }

  async function onSubmit(values: Output) {
    setNotice(null);
    setExistingId(null);
    setConflict(null);
    if (!base) {
      const result = await createSourceAction(values);
      if (!result.ok) return fail(result);
      router.push(returnTo ?? `/sources/${result.data.id}`);
      return;
    }
    const result = await updateSourceAction({ ...values, id: base.id, version: base.version });
    if (!result.ok) return fail(result);
    setBase(result.data);
    reset(toValues(result.data));
    setNotice({ kind: "ok", text: t("sources.saved") });
  }

  function loadLatest() {
    if (!conflict) return;
    setBase(conflict);
    reset(toValues(conflict));
    setConflict(null);
    setNotice(null);
  }

  const changedByOthers =
    conflict && base ? EDITABLE.filter((f) => conflict[f] !== base[f]).map((f) => t(`sources.${LABEL_KEYS[f]}`)) : [];
  const { errors, isSubmitting } = formState;
  const label = base ? t("sources.editTitle") : t("sources.newTitle");
  return (
    <form method="post" className="form" onSubmit={handleSubmit(onSubmit)} noValidate aria-label={label}>
      {notice && (
        <div className={`alert ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
          <p>{notice.text}</p>
          {existingId && <Link href={`/sources/${existingId}`}>{t("sources.openExisting")}</Link>}
          {conflict && (
            <>
              {changedByOthers.length > 0 && (
                <p>{t("sources.conflictChanged", { fields: changedByOthers.join(", ") })}</p>
              )}
              <p>{t("sources.conflictHelp")}</p>
              <button type="button" className="secondary" onClick={loadLatest}>
                {t("sources.loadLatest")}
              </button>
            </>
          )}
        </div>
      )}
      <Field id="source-kind" label={t("sources.kind")} error={errors.kind}>
        {(aria) => (
          <select {...aria} {...register("kind")}>
            {SOURCE_KIND.map((kind) => (
              <option key={kind} value={kind}>
                {t(`sources.kinds.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="source-title" label={t("sources.titleField")} error={errors.title}>
        {(aria) => <input {...aria} autoComplete="off" {...register("title")} />}
      </Field>
      <Field id="source-publisher" label={t("sources.publisher")} error={errors.publisher}>
        {(aria) => <input {...aria} autoComplete="off" {...register("publisher")} />}
      </Field>
      <Field id="source-url" label={t("sources.url")} hint={t("sources.urlHint")} error={errors.url}>
        {(aria) => <input {...aria} type="url" inputMode="url" autoComplete="off" {...register("url")} />}
      </Field>
      <Field
        id="source-published-on"
        label={t("sources.publishedOn")}
        hint={t("sources.publishedOnHint")}
        error={errors.publishedOn}
      >
        {(aria) => <input {...aria} type="date" {...register("publishedOn")} />}
      </Field>
      <Field
        id="source-reliability"
        label={t("sources.reliability")}
        hint={t("sources.reliabilityHint")}
        error={errors.reliability}
      >
        {(aria) => (
          <select {...aria} {...register("reliability")}>
            {RELIABILITY.map((r) => (
              <option key={r} value={r}>
                {t(`sources.reliabilities.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="source-confidential"
        label={t("sources.confidential")}
        hint={t("sources.confidentialHint")}
        error={errors.confidential}
      >
        {(aria) => <input {...aria} type="checkbox" {...register("confidential")} />}
      </Field>
      <div>
        <button type="submit" disabled={isSubmitting}>
          {base
            ? isSubmitting
              ? t("sources.saving")
              : t("sources.save")
            : isSubmitting
              ? t("sources.creating")
              : t("sources.create")}
        </button>
      </div>
    </form>
  );
}

/** Asks for confirmation, then soft-deletes the source (refused while it backs live events). */
export function DeleteSourceButton({ source }: { source: Pick<SourceDto, "id" | "title" | "version"> }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="row-actions">
      <DialogButton label={t("sources.delete")} title={t("sources.delete")} className="danger">
        {(close) => (
          <>
            <p>{t("sources.confirmDelete", { title: source.title })}</p>
            <div className="dialog-actions">
              <button type="button" className="secondary" onClick={close}>
                {t("sources.cancel")}
              </button>
              <button
                type="button"
                className="danger"
                onClick={async () => {
                  const result = await deleteSourceAction({ id: source.id, version: source.version });
                  close();
                  if (result.ok) return router.push("/sources");
                  const key = Object.values(result.fieldErrors ?? {})[0]?.[0];
                  const detail = key && t.has(`validation.${key}`) ? ` ${t(`validation.${key}`)}` : "";
                  setError(t(`errors.${applyActionErrors(result)}`) + detail);
                }}
              >
                {t("sources.confirm")}
              </button>
            </div>
          </>
        )}
      </DialogButton>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
