import { ClientMessages } from "@/app/_components/client-messages";

export default function SourceRecordLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="sourceRecord">{children}</ClientMessages>;
}
