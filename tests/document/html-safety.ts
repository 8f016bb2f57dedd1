// Checks that rendered HTML has nothing live that a lesson author (or attacker) could have put there:
// no <script> element, no on* event-handler attribute, no href/src that runs script.
import { Window } from "happy-dom";
import { normaliseUrl } from "../../ui/render/safe-links-plugin.ts";

const URL_ATTRIBUTES = new Set(["href", "src", "xlink:href", "action", "formaction", "srcset", "poster", "background"]);
const BAD_URL = /^(?:javascript|vbscript|data:text)/;
const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Problems found by scanning the tags of `html` as text. */
export function scanTags(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push("a live <script");
  for (const [, tag, attributes] of html.matchAll(TAG)) {
    for (const [, name, ...values] of attributes!.matchAll(ATTRIBUTE)) {
      const value = values.find((v) => v !== undefined) ?? "";
      if (/^on/i.test(name!)) problems.push(`<${tag} ${name}=...>`);
      if (URL_ATTRIBUTES.has(name!.toLowerCase()) && BAD_URL.test(normaliseUrl(value))) problems.push(`<${tag} ${name}="${value}">`);
    }
  }
  return problems;
}

/** Problems found by letting a DOM parse `html` the way a browser would. */
export function scanDom(html: string): string[] {
  const window = new Window();
  const document = window.document;
  document.body.innerHTML = html;
  const problems: string[] = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.tagName.toLowerCase() === "script") problems.push("a <script> element");
    for (const attribute of Array.from(element.attributes)) {
      if (/^on/i.test(attribute.name)) problems.push(`<${element.tagName} ${attribute.name}>`);
      if (URL_ATTRIBUTES.has(attribute.name.toLowerCase()) && BAD_URL.test(normaliseUrl(attribute.value ?? ""))) {
        problems.push(`<${element.tagName} ${attribute.name}="${attribute.value}">`);
      }
    }
  }
  void window.happyDOM.close();
  return problems;
}
