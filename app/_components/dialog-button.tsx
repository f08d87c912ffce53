"use client";

import { useRef } from "react";

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
  const close = () => ref.current?.close();
  return (
    <>
      <button type="button" className={props.className} onClick={() => ref.current?.showModal()}>
        {props.label}
      </button>
      <dialog ref={ref} aria-label={props.title}>
        <h2>{props.title}</h2>
        {props.children(close)}
      </dialog>
    </>
  );
}
