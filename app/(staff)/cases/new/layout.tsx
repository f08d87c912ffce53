import { ClientMessages } from "@/app/_components/client-messages";

export default function NewCaseLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="caseRecord">{children}</ClientMessages>;
}
