import DOMPurify from "dompurify";

type Props = { author: string; body: string };

export function Comment({ author, body }: Props) {
  return (
    <article className="comment">
      <h4>{author}</h4>
      <div dangerouslySetInnerHTML={{ __html: body }} />
    </article>
  );
}
