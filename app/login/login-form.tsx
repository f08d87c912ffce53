"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Field } from "@/app/_components/field";
import { useHydrated } from "@/app/_components/use-hydrated";

interface Values {
  email: string;
  password: string;
}

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("login");
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Values>({ defaultValues: { email: "", password: "" } });

  async function onSubmit(values: Values) {
    setFailure(null);
    try {
      const result = await signIn("credentials", { ...values, redirect: false });
      if (result?.ok && !result.error) {
        // A full navigation, so that every server component renders with the new session.
        window.location.assign(callbackUrl);
        return;
      }
      setFailure(t("failed"));
    } catch {
      setFailure(t("unavailable"));
    }
  }

  const { errors, isSubmitting } = formState;
  const hydrated = useHydrated();
  // method="post": should the form ever be submitted without JavaScript, the password must not
  // end up in a URL (history, logs, Referer).
  return (
    <form className="form" method="post" onSubmit={handleSubmit(onSubmit)} noValidate>
      {failure && (
        <p className="alert error" role="alert">
          {failure}
        </p>
      )}
      <Field id="email" label={t("email")} error={errors.email}>
        {(aria) => (
          <input {...aria} type="email" autoComplete="username" {...register("email", { required: "required" })} />
        )}
      </Field>
      <Field id="password" label={t("password")} error={errors.password}>
        {(aria) => (
          <input
            {...aria}
            type="password"
            autoComplete="current-password"
            {...register("password", { required: "required" })}
          />
        )}
      </Field>
      <button type="submit" disabled={isSubmitting || !hydrated}>
        {isSubmitting ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
