"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { applyActionErrors } from "@/app/_components/action-errors";
import { DialogButton } from "@/app/_components/dialog-button";
import { NoticeMessage, type Notice } from "@/app/_components/notice";
import { ROLES, type Role } from "@/lib/domain/policy";
import { resetTwoFactorAction, setTwoFactorRequirementAction } from "./actions";

/** One checkbox per role; saving sends each changed role to the server, where each change is audited. */
export function TwoFactorRequirementsForm({ current }: { current: Record<Role, boolean> }) {
  const t = useTranslations();
  const [values, setValues] = useState(current);
  const [saved, setSaved] = useState(current);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      method="post"
      className="form"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setNotice(null);
        for (const role of ROLES.filter((r) => values[r] !== saved[r])) {
          const result = await setTwoFactorRequirementAction({ role, required: values[role] });
          if (!result.ok) {
            setNotice({ kind: "error", text: t(`errors.${applyActionErrors(result)}`) });
            setBusy(false);
            return;
          }
          setSaved((previous) => ({ ...previous, [role]: values[role] }));
        }
        setNotice({ kind: "ok", text: t("users.twoFactorSaved") });
        setBusy(false);
      }}
    >
      <fieldset>
        <legend>{t("users.twoFactorIntro")}</legend>
        {ROLES.map((role) => (
          <label key={role}>
            <input
              type="checkbox"
              checked={values[role]}
              onChange={(event) => setValues({ ...values, [role]: event.target.checked })}
            />{" "}
            {t("users.twoFactorRequire", { role: t(`roles.${role}`) })}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="secondary" disabled={busy}>
        {t("users.twoFactorSave")}
      </button>
      <NoticeMessage notice={notice} />
    </form>
  );
}

/** For a lost device: removes the user's second factor and ends their sessions, after confirmation. */
export function ResetTwoFactorButton({
  user,
  onDone,
}: {
  user: { id: string; email: string };
  onDone: (n: Notice) => void;
}) {
  const t = useTranslations();
  return (
    <DialogButton label={t("users.resetTwoFactor")} title={t("users.resetTwoFactor")} className="secondary">
      {(close) => (
        <>
          <p>{t("users.confirmResetTwoFactor", { email: user.email })}</p>
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={close}>
              {t("users.cancel")}
            </button>
            <button
              type="button"
              className="danger"
              onClick={async () => {
                const result = await resetTwoFactorAction({ userId: user.id });
                close();
                onDone(
                  result.ok
                    ? { kind: "ok", text: t("users.twoFactorReset", { email: user.email }) }
                    : { kind: "error", text: t(`errors.${applyActionErrors(result)}`) },
                );
              }}
            >
              {t("users.confirm")}
            </button>
          </div>
        </>
      )}
    </DialogButton>
  );
}
