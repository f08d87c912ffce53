"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { removeAttributionAction, updateAttributionAction } from "@/app/(staff)/sources/actions";
import { applyActionErrors } from "@/app/_components/action-errors";
import { ClaimFields, type ClaimValues } from "@/app/_components/claim-fields";
import { DialogButton } from "@/app/_components/dialog-button";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import { attributionUpdateSchema } from "@/lib/validation/source";

type Values = z.input<typeof attributionUpdateSchema>;
type Output = z.output<typeof attributionUpdateSchema>;

/** A claim as the edit dialog starts from: its fields and the version they were read at. */
export type StoredClaim = ClaimValues & { version: number };

const formValues = (id: string, claim: StoredClaim): Values => ({
  id,
  version: claim.version,
  credibility: claim.credibility,
  claimedCount: claim.claimedCount ?? "",
  claimedDate: claim.claimedDate ?? "",
  excerpt: claim.excerpt ?? "",
});

/**
 * Edit and Remove for one source's claim about an event (an attribution), each in a dialog; Remove
 * asks for confirmation first. Render it only for actors with `case.write`; the actions check
 * again, and refresh the event's page on success.
 */
export function AttributionActions(props: { id: string; source: string; claim: StoredClaim }) {
  const t = useTranslations();
  const [notice, setNotice] = useState<Notice>(null);
  return (
    <div className="row-actions">
      <DialogButton
        label={t("attributions.edit")}
        title={t("attributions.editTitle", { source: props.source })}
        className="secondary"
      >
        {(close) => (
          <EditClaim
            {...props}
            close={close}
            onSaved={() => setNotice({ kind: "ok", text: t("attributions.saved") })}
          />
        )}
      </DialogButton>
      <DialogButton
        label={t("attributions.remove")}
        title={t("attributions.removeTitle", { source: props.source })}
        className="danger"
      >
        {(close) => (
          <RemoveClaim
            id={props.id}
            version={props.claim.version}
            close={close}
            onFailed={(text) => setNotice({ kind: "error", text })}
          />
        )}
      </DialogButton>
      <NoticeMessage notice={notice} />
    </div>
  );
}

function EditClaim(props: { id: string; claim: StoredClaim; close: () => void; onSaved: () => void }) {
  const t = useTranslations();
  const id = useId();
  const [notice, setNotice] = useState<Notice>(null);
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(attributionUpdateSchema),
    defaultValues: formValues(props.id, props.claim),
  });
  const { handleSubmit, setError, formState, reset } = form;

  async function onSubmit(values: Output) {
    setNotice(null);
    const result = await updateAttributionAction(values);
    if (result.ok) {
      props.close();
      props.onSaved();
      return;
    }
    // Someone saved this claim meanwhile: show their values, to check and save again.
    if (result.error === "conflict" && result.current) reset(formValues(props.id, result.current as StoredClaim));
    setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result, setError)}`) });
  }

  return (
    <FormProvider {...form}>
      <form method="post" className="form" onSubmit={handleSubmit(onSubmit)} noValidate>
        <NoticeMessage notice={notice} />
        <ClaimFields id={id} />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.close}>
            {t("attributions.cancel")}
          </button>
          <button type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t("attributions.saving") : t("attributions.save")}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

function RemoveClaim(props: { id: string; version: number; close: () => void; onFailed: (text: string) => void }) {
  const t = useTranslations();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <>
      <p>{t("attributions.removeConfirm")}</p>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={props.close}>
          {t("attributions.cancel")}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const result = await removeAttributionAction({ id: props.id, version: props.version });
            setBusy(false);
            props.close();
            if (result.ok) return;
            props.onFailed(t(`errors.${applyActionErrors(result)}`));
            // Changed or removed meanwhile: show the claims as they are now, to decide again.
            if (result.error === "conflict" || result.error === "notFound") router.refresh();
          }}
        >
          {busy ? t("attributions.removing") : t("attributions.remove")}
        </button>
      </div>
    </>
  );
}
