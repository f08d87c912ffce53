"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Field } from "@/app/_components/field";
import { useHydrated } from "@/app/_components/use-hydrated";
import { CodeStep } from "./code-step";

interface Values {
  email: string;
  password: string;
}

/** What next-auth reports when the password was right but the account needs a code (lib/auth/options.ts). */
const CODE_REQUIRED_ERROR = "CodeRequired";

/**
 * Two steps: email and password, then, for an account with two-factor on, a code. The second step
 * sends the email and password again with the code (the server keeps no half-signed-in state), so
 * every step is throttled and audited like a first attempt.
 */
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("login");
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState<Values | null>(null);
  const { register, handleSubmit, formState, reset } = useForm<Values>({ defaultValues: { email: "", password: "" } });

  /** @returns whether the attempt went through to a session (then the page is left). */
  async function attempt(values: Values & { code?: string }): Promise<"ok" | "code" | "failed" | "error"> {
    try {
      const result = await signIn("credentials", { ...values, redirect: false });
      if (result?.ok && !result.error) {
        // A full navigation, so that every server component renders with the new session.
        window.location.assign(callbackUrl);
        return "ok";
      }
      return result?.error === CODE_REQUIRED_ERROR ? "code" : "failed";
    } catch {
      return "error";
    }
  }

  async function onSubmit(values: Values) {
    setFailure(null);
    const outcome = await attempt(values);
    if (outcome === "code") setPending(values);
    else if (outcome !== "ok") setFailure(t(outcome === "failed" ? "failed" : "unavailable"));
  }

  const { errors, isSubmitting } = formState;
  const hydrated = useHydrated();
  if (pending) {
    return (
      <CodeStep
        onSubmit={async (code) => {
          const outcome = await attempt({ ...pending, code });
          return outcome === "ok" ? null : t(outcome === "error" ? "unavailable" : "codeFailed");
        }}
        onStartOver={() => {
          reset();
          setPending(null);
        }}
      />
    );
  }
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
