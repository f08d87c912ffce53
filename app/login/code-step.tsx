"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { Field } from "@/app/_components/field";

/** The second sign-in step: a TOTP code or a recovery code. `onSubmit` answers an error message or null. */
export function CodeStep(props: { onSubmit: (code: string) => Promise<string | null>; onStartOver: () => void }) {
  const t = useTranslations("login");
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, setValue, setFocus } = useForm<{ code: string }>({
    defaultValues: { code: "" },
  });
  useEffect(() => {
    // Move focus to the new step, so that screen readers announce it and the code can be typed at once.
    setFocus("code");
  }, [setFocus]);

  return (
    <form
      className="form"
      method="post"
      noValidate
      aria-labelledby="code-step-title"
      onSubmit={handleSubmit(async ({ code }) => {
        setFailure(null);
        const message = await props.onSubmit(code);
        if (message) {
          setFailure(message);
          setValue("code", "");
          setFocus("code");
        }
      })}
    >
      <h2 id="code-step-title">{t("codeTitle")}</h2>
      <p className="muted">{t("codeIntro")}</p>
      {failure && (
        <p className="alert error" role="alert">
          {failure}
        </p>
      )}
      <Field id="code" label={t("code")} error={formState.errors.code}>
        {(aria) => (
          <input
            {...aria}
            type="text"
            inputMode="text"
            autoComplete="one-time-code"
            spellCheck={false}
            maxLength={64}
            {...register("code", { required: "required" })}
          />
        )}
      </Field>
      <button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("submitting") : t("codeSubmit")}
      </button>
      <button type="button" className="link-button" onClick={props.onStartOver}>
        {t("startOver")}
      </button>
    </form>
  );
}
