import { ClientMessages } from "@/app/_components/client-messages";

export default function LoginLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="login">{children}</ClientMessages>;
}
