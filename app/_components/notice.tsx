/** The outcome of a form or action, announced politely when it worked and at once when it did not. */
export type Notice = { kind: "ok" | "error"; text: string } | null;

export function NoticeMessage({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <p className={`alert ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
      {notice.text}
    </p>
  );
}
