// The course index: lessons in course order with their titles and summaries (Markdown with math, rendered
// as in the app), linked relatively.
import type { ExportedCourse } from "./model.ts";
import { escapeHtml } from "./html.ts";
import { documentHead, type PageAssets } from "./page.ts";
import { renderInlineMarkdown } from "../render/render.ts";

export function indexPage(course: ExportedCourse, assets: PageAssets): string {
  const items = course.lessons.map((l) => `<li><a href="${escapeHtml(l.slug)}.html">${escapeHtml(l.title)}</a>${l.summary ? `<p class="summary">${renderInlineMarkdown(l.summary)}</p>` : ""}</li>`);
  return `${documentHead(course.title, { ...assets, liveScript: null })}
<body>
<main id="main" class="course-index">
<h1>${escapeHtml(course.title)}</h1>
<ol class="lessons">
${items.join("\n")}
</ol>
</main>
</body>
</html>
`;
}
