import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireAccountActor } from "@/lib/auth/actor";
import { totpQrSvg } from "@/lib/auth/totp-qr";
import { groupSecret } from "@/lib/auth/totp";
import { beginTwoFactorEnrolment } from "@/lib/data/two-factor";
import { EnrolForm } from "./enrol-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("enrolTitle") };
}

export default async function TwoFactorEnrolmentPage() {
  const { actor, twoFactorEnrolmentRequired } = await requireAccountActor();
  const t = await getTranslations("account");
  // Stores a pending secret on the first visit and shows the same one on later visits (no new
  // secret per render), so this GET writes at most once per enrolment.
  const enrolment = await beginTwoFactorEnrolment(actor);
  if (!enrolment) {
    return (
      <>
        <h1>{t("enrolTitle")}</h1>
        <p>{t("alreadyOn")}</p>
        <Link href="/account">{t("title")}</Link>
      </>
    );
  }
  // Drawn here from our own otpauth:// URI by the qrcode library: markup we produced, not user input.
  const svg = await totpQrSvg(enrolment.uri);
  return (
    <>
      <h1>{t("enrolTitle")}</h1>
      {twoFactorEnrolmentRequired && (
        <p className="alert error" role="status">
          {t("enrolRequired")}
        </p>
      )}
      <div className="card">
        <p>{t("enrolIntro")}</p>
        <div
          className="qr-code"
          role="img"
          aria-label={t("qrLabel")}
          data-testid="totp-qr"
          dangerouslySetInnerHTML={{ __html: svg }}
        />
        <p>{t("manualEntry")}</p>
        <p>
          <code data-testid="totp-secret">{groupSecret(enrolment.secret)}</code>
        </p>
        <EnrolForm continueTo={actor.role === "PARTNER" ? "/partner" : "/"} />
      </div>
    </>
  );
}
