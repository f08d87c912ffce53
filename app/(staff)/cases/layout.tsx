import { ClientMessages } from "@/app/_components/client-messages";

export default function CaseListLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="caseList">{children}</ClientMessages>;
}
