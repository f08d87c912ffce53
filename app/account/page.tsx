import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireAccountActor } from "@/lib/auth/actor";
import { sessionLimits } from "@/lib/auth/session-limits";
import { getTwoFactorStatus } from "@/lib/data/two-factor";
import { DisableTwoFactor } from "./disable-two-factor";
import { RenewRecoveryCodes } from "./renew-recovery-codes";
import { SignOutEverywhere } from "./sign-out-everywhere";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const { actor } = await requireAccountActor();
  const status = await getTwoFactorStatus(actor);
  const limits = sessionLimits();
  const t = await getTranslations("account");
  const format = await getFormatter();
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <section className="card" aria-labelledby="two-factor">
        <h2 id="two-factor">{t("twoFactorTitle")}</h2>
        <p data-testid="two-factor-status">
          {status.enabled && status.enabledAt
            ? t("twoFactorOn", {
                date: format.dateTime(status.enabledAt, { dateStyle: "medium" }),
                left: status.recoveryCodesLeft,
              })
            : t("twoFactorOff")}
        </p>
        {status.required && <p>{t("twoFactorRequired")}</p>}
        {status.enabled ? (
          <div className="row-actions">
            <RenewRecoveryCodes />
            <DisableTwoFactor required={status.required} />
          </div>
        ) : (
          <Link href="/account/two-factor" prefetch={false}>
            {t("setUp")}
          </Link>
        )}
      </section>
      <section className="card" aria-labelledby="sessions">
        <h2 id="sessions">{t("sessionsTitle")}</h2>
        <p>{t("sessionsIntro", { idle: limits.idleSeconds / 60, hours: limits.absoluteSeconds / 3600 })}</p>
        <SignOutEverywhere />
      </section>
    </>
  );
}
