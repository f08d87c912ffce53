"use client";

import { signOut } from "next-auth/react";
import { useHydrated } from "./use-hydrated";

export function SignOutButton({ label }: { label: string }) {
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className="link-button"
      disabled={!hydrated}
      onClick={() => signOut({ callbackUrl: "/login" })}
    >
      {label}
    </button>
  );
}
