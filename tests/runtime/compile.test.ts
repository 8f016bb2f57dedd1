import { describe, expect, it } from "vitest";
import { compileCell, CellSyntaxError } from "../../kernel/runtime/compile.ts";
import { GUARD } from "../../kernel/runtime/rewrite.ts";

const compile = (ts: string, known: string[] = []) => compileCell(ts, { filename: "stepbook-cell-0.js", isKnown: (n) => known.includes(n) });
const body = (code: string) => code.split("\n").slice(0, -2).join("\n");

describe("compiling a cell", () => {
  it("keeps every line of the TypeScript on the same line", () => {
    const ts = "const a: number = 1;\n\ninterface P { x: number }\nlet b = a as number\nb + 1\n";
    const lines = body(compile(ts).code).split("\n");
    expect(lines).toHaveLength(ts.split("\n").length);
    expect(lines[3]).toContain("__scope.b = __scope.a");
    expect(lines[4]).toContain("return (__sb.binary(\"+\", __scope.b , 1))");
  });

  it("turns top-level declarations into writes to the kernel scope", () => {
    const code = compile("const x = 1, {y, z: [w = 2]} = obj;\nlet u;\nclass C {}\nfunction f() { return x }").code;
    expect(code).toContain("__scope.x = 1, ({y: __scope.y, z: [__scope.w = 2]} = __scope.obj)");
    expect(code).toContain("__scope.u = undefined");
    expect(code).toContain("__scope.C = class C {};");
    expect(code).toContain("__scope.f = f;");
    expect(code).toContain("return __scope.x");
  });

  it("leaves locals, parameters and globals alone", () => {
    const code = compile("function g(a: number) { const b = a; return Math.max(a, b) }\nfor (let i = 0; i < 2; i++) {}").code;
    expect(code).toContain("const b = a; __sb.at(1);return Math.max(a, b)");
    expect(code).toContain("for (let i = 0; i < 2; i++)");
  });

  it("passes X[k], X.length, what for-of, a spread and an array pattern iterate, and switch's value through __sb (numpy's rows)", () => {
    const code = compile("for (let i = 0; i < a.length; i++) a[i] = b.c[i]\nfor (const [r, s] of X) [...X]\nswitch (k) {}\nconst [p] = X, n = 'ab'[1] + b['c'] + f(X)[0]\nX[0]--; a[1] *= 2;", ["a", "b", "f", "k", "X"]).code;
    expect(code).toContain(`i < __sb.rows(__scope.a, "a").length; i++) {${GUARD} __sb.rows(__scope.a, "a")[i] = __sb.rows(__scope.b.c, "b.c")[i] }`);
    expect(code).toContain(`for (const [r, s] of __sb.rows((__scope.X), "X", true)) {${GUARD} [...__sb.rows((__scope.X), "X")] }`);
    expect(code).toContain(`switch (__sb.switchValue((__scope.k), "k")) {}`);
    // a text's index and a key written as text are not checked; the object is evaluated once, inside the check
    expect(code).toContain(`([__scope.p] = __sb.rows((__scope.X), "X")), __scope.n = __sb.binary("+", __sb.binary("+", 'ab'[1] , __scope.b['c']) , __sb.rows(__scope.f(__scope.X))[0])`);
    // read, then written: refused as a write
    expect(code).toContain(`__sb.rows(__scope.X, "X", false, true)[0]--; __sb.rows(__scope.a, "a", false, true)[1] *= 2`);
  });

  it("uses the last expression as the result unless a semicolon ends it", () => {
    expect(compile("1 + 1").hasResult).toBe(true);
    expect(compile("1 + 1;").hasResult).toBe(false);
    expect(compile("1 + 1 // the sum").hasResult).toBe(true);
    expect(compile("const a = 1").hasResult).toBe(false);
  });

  it("guards every loop body and function entry with an interrupt check", () => {
    const code = compile("while (true) {}\nfor (;;) x++\nconst f = () => 1\nfunction g() {}").code;
    expect(code).toContain("while (true) {if (--__sbg.n < 0) __sbg.check();}");
    expect(code).toContain("for (;;) {if (--__sbg.n < 0) __sbg.check(); __scope.x++ }");
    expect(code).toContain("() => (--__sbg.n < 0 && __sbg.check(), 1)");
    expect(code).toContain("function g() {if (--__sbg.n < 0) __sbg.check();}");
    // a one-line arrow that calls something stamps its own line for the trace, and gives the caller's back
    expect(compile("const h = (x: any) =>\n  x.mul(2)").code).toContain("(--__sbg.n < 0 && __sbg.check(), __sb.leave(__sb.enter(2), x.mul(2)))");
  });

  it("names the value of an assignment that may be a tensor and stamps the line before calls", () => {
    const code = compile("const X = np.ones([2, 2])\nconst k = 3\nconst Z1 = X.matmul(X)").code;
    expect(code).toContain('__sb.at(1);__scope.X = __sb.name(__scope.np.ones([2, 2]), "X")');
    expect(code).toContain("__scope.k = 3");
    expect(code).toContain('__sb.at(3);__scope.Z1 = __sb.name(__scope.X.matmul(__scope.X), "Z1")');
  });

  it("reports the names a cell defines and the kernel names it uses", () => {
    const c = compile("const a = b + c\nfunction f() { return d }\ne = 1\ng += 1", ["b"]);
    expect(c.defines.sort()).toEqual(["a", "e", "f", "g"]);
    expect(c.uses.sort()).toEqual(["b", "c", "d", "g"]);
  });

  it("points a syntax error at the line and column of the TypeScript", () => {
    try {
      compile("const ok = 1\nconst x: number = ;");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CellSyntaxError);
      expect((e as CellSyntaxError).position.line).toBe(1);
    }
  });

  it("rejects import with a message that says what is in scope", () => {
    expect(() => compile('import { x } from "y"\nx')).toThrow(/import is not supported in a cell: np, display/);
  });

  it("maps a position in the script back to the TypeScript source", () => {
    const c = compile("const a: number = 1\nconst b: string = missing()");
    const line2 = c.code.split("\n")[1];
    const at = c.toSource(2, line2.indexOf("missing") + 1);
    expect(at).toEqual({ line: 2, column: "const b: string = ".length + 1 });
  });
});
