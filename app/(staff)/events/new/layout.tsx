import { ClientMessages } from "@/app/_components/client-messages";

export default function NewEventLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="eventRecord">{children}</ClientMessages>;
}
