import { NextIntlClientProvider } from "next-intl";
import { clientMessagesFor, type ClientMessageScope } from "@/lib/i18n/client-messages";

/**
 * Gives the client components below it the messages of one scope (lib/i18n/client-messages.ts),
 * and only those: a nested scope replaces the one above it rather than adding to it.
 */
export function ClientMessages({ scope, children }: { scope: ClientMessageScope; children: React.ReactNode }) {
  return <NextIntlClientProvider messages={clientMessagesFor(scope)}>{children}</NextIntlClientProvider>;
}
