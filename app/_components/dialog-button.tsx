"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A button that opens a modal <dialog> (the browser traps focus and closes it on Escape).
 * `children` receives `close` so the dialog's own buttons can dismiss it.
 */
export function DialogButton(props: {
  label: string;
  title: string;
  className?: string;
  children: (close: () => void) => React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (open && !dialog?.open) dialog?.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  return (
    <>
      <button type="button" className={props.className} onClick={() => setOpen(true)}>
        {props.label}
      </button>
      <dialog ref={ref} aria-label={props.title} onClose={() => setOpen(false)}>
        <h2>{props.title}</h2>
        {open && props.children(() => setOpen(false))}
      </dialog>
    </>
  );
}
