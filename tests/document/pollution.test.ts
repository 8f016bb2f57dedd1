import { afterEach, describe, expect, it } from "vitest";
import { DocumentError, parseNotebook } from "../../ui/document/index.ts";
import { renderMarkdown } from "../../ui/render/render.ts";

const polluted = () => (({}) as Record<string, unknown>).polluted;

function rejects(text: string, file: string, where: RegExp): void {
  expect(() => parseNotebook(text, file)).toThrow(DocumentError);
  expect(() => parseNotebook(text, file)).toThrow(where);
}

describe("hostile keys never reach Object.prototype", () => {
  afterEach(() => {
    expect(polluted()).toBeUndefined();
  });

  it.each([
    ["__proto__ in the front matter", "---\ntitle: x\n__proto__:\n  polluted: yes\n---\n", /^evil\.md:3: the key "__proto__" is not allowed/],
    ["a nested constructor.prototype in the front matter", "---\ntitle: x\nextra:\n  constructor:\n    prototype:\n      polluted: yes\n---\n", /^evil\.md:4: the key "constructor"/],
    ["a quoted \"__proto__\" key", '---\ntitle: x\n"__proto__": {polluted: 1}\n---\n', /^evil\.md:3: the key "__proto__"/],
    ["__proto__ as a code cell attribute", "---\ntitle: x\n---\n\n```ts {__proto__=polluted}\n1\n```\n", /^evil\.md:5: .*"__proto__" is not allowed/],
  ])("rejects %s in a lesson", (_, text, where) => rejects(text, "evil.md", where));

  it.each([
    ["at the top level", '{"__proto__": {"polluted": true}, "nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}', /evil\.ipynb: __proto__: the key/],
    ["in notebook metadata", '{"nbformat": 4, "nbformat_minor": 5, "metadata": {"constructor": {"prototype": {"polluted": 1}}}, "cells": []}', /evil\.ipynb: metadata\.constructor: the key/],
    ["in an output's MIME bundle", '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "source": "", "execution_count": null, "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"prototype": {"polluted": 1}}}]}]}', /evil\.ipynb: cells\[0\]\.outputs\[0\]\.data\.prototype: the key/],
    ["in Stepbook's meta", '{"nbformat": 4, "nbformat_minor": 5, "metadata": {"stepbook": {"meta": {"title": "x", "__proto__": {"polluted": 1}}}}, "cells": []}', /evil\.ipynb: metadata\.stepbook\.meta\.__proto__: the key/],
  ])("rejects __proto__/constructor/prototype %s of a notebook", (_, text, where) => rejects(text, "evil.ipynb", where));

  it("looks up inline-expression values as own keys only", () => {
    const html = renderMarkdown("${constructor} ${__proto__} ${toString}", { values: {} });
    expect(html).not.toContain("function");
    expect(html.match(/>…</g)).toHaveLength(3);
  });
});
