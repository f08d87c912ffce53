import { ClientMessages } from "@/app/_components/client-messages";

export default function CaseRecordLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="caseRecord">{children}</ClientMessages>;
}
