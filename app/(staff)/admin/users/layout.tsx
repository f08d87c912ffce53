import { ClientMessages } from "@/app/_components/client-messages";

export default function UsersLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="users">{children}</ClientMessages>;
}
