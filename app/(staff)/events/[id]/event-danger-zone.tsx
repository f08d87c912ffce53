"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { applyActionErrors } from "@/app/_components/action-errors";
import { DialogButton } from "@/app/_components/dialog-button";
import { deleteEventAction } from "../actions";

export function EventDangerZone(props: { id: string; version: number }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="row-actions" aria-label={t("events.delete")}>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <DialogButton label={t("events.delete")} title={t("events.delete")} className="danger">
        {(close) => (
          <>
            <p>{t("events.confirmDelete")}</p>
            <div className="dialog-actions">
              <button type="button" className="secondary" onClick={close}>
                {t("events.cancel")}
              </button>
              <button
                type="button"
                className="danger"
                onClick={async () => {
                  const result = await deleteEventAction(props);
                  close();
                  if (result.ok) router.push("/events");
                  else setError(t(`errors.${applyActionErrors(result)}`));
                }}
              >
                {t("events.confirm")}
              </button>
            </div>
          </>
        )}
      </DialogButton>
    </section>
  );
}
