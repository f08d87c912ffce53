import { ClientMessages } from "@/app/_components/client-messages";

export default function OrganisationsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="organisations">{children}</ClientMessages>;
}
