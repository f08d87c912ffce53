import { useTranslations } from "next-intl";

/** Recovery codes as shown once, after enrolment or renewal: only their hashes are kept. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  const t = useTranslations();
  return (
    <>
      <p>{t("account.recoveryIntro")}</p>
      <ol aria-label={t("account.recoveryList")} className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </>
  );
}
