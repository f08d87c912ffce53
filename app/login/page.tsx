import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionState, TWO_FACTOR_ENROLMENT_PATH } from "@/lib/auth/actor";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

/** Only same-site paths, so the sign-in page cannot be used to bounce people to another site. */
function safeCallback(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  return path && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

export default async function LoginPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const searchParams = await props.searchParams;
  const callbackUrl = safeCallback(searchParams.callbackUrl);
  const state = await getSessionState();
  if (state) redirect(state.twoFactorEnrolmentRequired ? TWO_FACTOR_ENROLMENT_PATH : callbackUrl);
  const t = await getTranslations("login");
  return (
    <main className="centered" id="main">
      <div className="card">
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        <LoginForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
