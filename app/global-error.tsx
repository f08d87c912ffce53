"use client";

import { createTranslator } from "next-intl";
import core from "@/lib/i18n/messages/en/core.json";

// Shown when the root layout itself fails, so no layout, provider or stylesheet is available: the
// messages come straight from the catalogue. Generic on purpose, like error.tsx: no stack, SQL or
// path ever reaches the browser.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = createTranslator({ locale: "en", messages: { errors: core.errors }, namespace: "errors" });
  return (
    <html lang="en">
      <body>
        <main id="main" role="alert">
          <h1>{t("serverTitle")}</h1>
          <p>{t("server")}</p>
          <button type="button" onClick={reset}>
            {t("retry")}
          </button>
        </main>
      </body>
    </html>
  );
}
