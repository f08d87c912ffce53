"use client";

import { useTranslations } from "next-intl";

// Generic on purpose: no stack, SQL or path ever reaches the browser.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div className="card" role="alert">
      <h1>{t("serverTitle")}</h1>
      <p>{t("server")}</p>
      <button type="button" onClick={reset}>
        {t("retry")}
      </button>
    </div>
  );
}
