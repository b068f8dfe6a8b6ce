import { marked } from "marked";
import DOMPurify from "dompurify";

export function Readme({ source }: { source: string }) {
  const html = marked.parse(source) as string;
  return <section className="readme" dangerouslySetInnerHTML={{ __html: html }} />;
}
