import { useSearchParams } from "react-router-dom";

export default function Search() {
  const [params] = useSearchParams();
  const q = params.get("q") ?? "";
  return (
    <p>
      Results for <b>{q}</b>
    </p>
  );
}
