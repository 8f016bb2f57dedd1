// The course index: lessons in course order with their titles and summaries, linked relatively.
import type { ExportedCourse } from "./model.ts";
import { escapeHtml } from "./html.ts";
import { documentHead, type PageAssets } from "./page.ts";

export function indexPage(course: ExportedCourse, assets: PageAssets): string {
  const items = course.lessons.map((l) => `<li><a href="${escapeHtml(l.slug)}.html">${escapeHtml(l.title)}</a>${l.summary ? `<p class="summary">${escapeHtml(l.summary)}</p>` : ""}</li>`);
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
