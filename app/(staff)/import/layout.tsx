import { ClientMessages } from "@/app/_components/client-messages";

export default function ImportLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="import">{children}</ClientMessages>;
}
