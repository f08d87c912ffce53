import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { ClientMessages } from "@/app/_components/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("tagline"),
    robots: { index: false },
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next puts the request's CSP nonce (proxy.ts) on its scripts
  // only while rendering, so a page prerendered at build time would have its scripts blocked.
  await connection();
  return (
    <html lang={await getLocale()}>
      <body>
        <ClientMessages scope="root">{children}</ClientMessages>
      </body>
    </html>
  );
}
