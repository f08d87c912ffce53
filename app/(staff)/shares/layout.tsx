import { ClientMessages } from "@/app/_components/client-messages";

export default function SharesLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="shares">{children}</ClientMessages>;
}
