import ReactMarkdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { safeUrl } from "@/lib/traces/render/safe-url";

export interface MarkdownTextProps {
  /** Untrusted markdown (model output, user input, retrieved text). */
  children: string;
  className?: string;
}

/**
 * Rendering is built to be safe on hostile input; trace content is attacker-controllable
 * (prompt injection, poisoned documents):
 * - raw HTML is dropped (`skipHtml`, and rehype-sanitize drops `raw` nodes too), so
 *   `<script>` and `<img onerror>` never reach the DOM;
 * - every URL goes through `safeUrl` (http/https/mailto only), so `javascript:` links lose href;
 * - images are rendered as links, never loaded: a markdown image with a crafted URL is the classic
 *   way an injected prompt exfiltrates data the moment a reviewer opens the trace.
 */
const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow ugc"
        className="text-sky-700 underline underline-offset-2 hover:text-sky-900"
      >
        {children}
      </a>
    ) : (
      <span className="underline decoration-dotted">{children}</span>
    ),
  img: ({ src, alt }) => {
    const label = `[image${alt ? `: ${alt}` : ""}]`;
    const href = typeof src === "string" ? safeUrl(src) : null;
    return href ? (
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow ugc"
        className="text-sky-700 underline underline-offset-2"
      >
        {label}
      </a>
    ) : (
      <span className="text-slate-500">{label}</span>
    );
  },
};

const proseClasses = [
  "text-sm leading-relaxed text-slate-800 break-words",
  "[&_p]:my-2 [&>:first-child]:mt-0 [&>:last-child]:mb-0",
  "[&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-5 [&_li]:my-0.5",
  "[&_h1]:mt-3 [&_h1]:mb-2 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:mt-3 [&_h2]:mb-2 [&_h2]:text-base [&_h2]:font-semibold",
  "[&_h3]:mt-3 [&_h3]:mb-1 [&_h3]:font-semibold [&_h4]:font-semibold",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:py-0.5 [&_code]:font-mono [&_code]:text-[0.85em]",
  "[&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-slate-100",
  "[&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_pre_code]:text-inherit",
  "[&_blockquote]:my-2 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600",
  "[&_table]:my-2 [&_table]:w-full [&_table]:border-collapse [&_table]:text-left",
  "[&_th]:border [&_th]:border-slate-200 [&_th]:bg-slate-50 [&_th]:px-2 [&_th]:py-1 [&_th]:font-medium",
  "[&_td]:border [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 [&_hr]:my-3 [&_hr]:border-slate-200",
].join(" ");

/** Markdown for trace content: GFM (tables, task lists), no raw HTML, allow-listed URLs. */
export function MarkdownText({ children, className }: MarkdownTextProps) {
  return (
    <div className={className ? `${proseClasses} ${className}` : proseClasses}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize]}
        skipHtml
        urlTransform={(url) => safeUrl(url)}
        components={components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
