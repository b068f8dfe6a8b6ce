import { useEffect, useRef } from "react";

export function Banner({ message }) {
  const ref = useRef(null);
  useEffect(() => {
    const text = new URLSearchParams(window.location.search).get("banner") || message;
    ref.current.textContent = text;
  }, [message]);
  return <div className="banner" ref={ref} />;
}
