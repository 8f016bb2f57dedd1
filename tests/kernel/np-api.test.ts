// The np API as a student meets it: in the editor (the declarations Monaco and the lesson type-check
// read, kernel/display/prelude.ts), and at run time, where nothing numpy-like may be silently ignored.
// The TypeScript compiler reads np's and Tensor's declared signatures, so a new function with an
// options object, or a new parameter, is found here without anyone listing it.
import ts from "typescript";
import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { cellPrelude } from "../../kernel/display/prelude.ts";
import { np } from "../../kernel/np.ts";
import { Tensor } from "../../kernel/tensor/tensor.ts";

const REPO = join(import.meta.dirname, "..", "..");
const DIR = join(REPO, "tests", "kernel", "__virtual__");

/** A cell using what issue #10 added, typed the way a student would write it. */
const CELL = `
const X = np.arange(12).reshape(3, 4);
const mask: Tensor = X.greater(5);
const picked: Tensor = X.slice(mask);
const rows: Tensor = X.slice([[0, 1], [2, 2]], "1:");
const last: Tensor = X.slice("...", -1, np.newaxis);
const flat: Tensor = np.take(X, [0, 5]);
const I: Tensor = np.eye(3, 4, { k: 1 });
const z: Tensor = np.zeros(3);
const stacked: Tensor = np.array([X, X]);
const same: boolean = np.allclose(X, X, { rtol: 1e-5 });
const close: Tensor = np.isclose(X, X);
const nan: Tensor = np.logicalOr(np.isnan(X), np.logicalNot(np.isfinite(X)));
const anyTrue: boolean = np.any(mask);
const perColumn: Tensor = np.all(mask, { axis: 0 });
const n: number = np.countNonzero(mask);
const lengths: Tensor = np.linalg.norm(X, { axis: 1 });
const fro: Tensor = np.linalg.norm(X, "fro");
const p: Tensor = np.prod(X, { axis: 1 }).add(np.cumsum(X).sum()).add(X.prod()).add(X.cumsum({ axis: 0 }).sum());
const s: Tensor = np.sort(X, { axis: 0 }).add(np.argsort(X)).add(X.argsort({ axis: null }).reshape(3, 4));
const r: Tensor = np.round(X, 2).add(np.floor(X)).add(np.ceil(X)).add(X.round()).add(np.trunc(X));
const logs: Tensor = np.log1p(X).add(np.expm1(X)).add(np.log2(X)).add(np.log10(X)).add(np.tan(X)).add(np.mod(X, 3)).add(X.mod(2));
const stats: Tensor = np.median(X, { axis: 1 }).add(np.percentile(X, 90)).add(np.quantile(X, [0.1, 0.9], { axis: 0 }).sum());
const d: Tensor = np.diag(np.diag(X), 1).add(np.triu(np.ones([5, 5]), 1)).add(np.tril(np.ones([5, 5])));
const sw: Tensor = np.swapaxes(X, 0, 1).add(X.swapaxes(1, 0));
const v: Tensor = np.vstack([X, X]).add(np.hstack([X, X]).reshape(6, 4));
const rep: Tensor = np.repeat(X, 2, { axis: 0 }).add(X.repeat([1, 2, 0], { axis: 0 }).sum()).add(np.tile(X, [2, 1]));
const u: Tensor = np.unique(X);
const [values, counts] = np.unique(X, { returnCounts: true });
const e: Tensor = np.einsum("ij,jk->ik", X, X.T).add(np.einsum("ii", np.eye(3)));
const [XX, YY] = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(0, 2, 3));
const w: Tensor = np.linalg.solve(np.eye(3), np.ones(3)).add(np.linalg.inv(np.eye(3)).sum());
const idx: Tensor[] = np.nonzero(mask);
const asFloat: Tensor = mask.astype("float64").add(X.any({ axis: 1 }).astype("int").sum());
const anyAll: boolean = X.any() && X.all();
const dt: "float64" | "bool" = mask.dtype;
const nz: Tensor = np.concatenate([X, X], { axis: null });
`;

function program(files: Record<string, string>): { program: ts.Program; paths: Record<string, string> } {
  const configPath = join(REPO, "tsconfig.json");
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, REPO);
  const options = { ...config.options, types: ["node"], noEmit: true };
  const paths = Object.fromEntries(Object.keys(files).map((name) => [name, join(DIR, name)]));
  const virtual = new Map(Object.entries(files).map(([name, text]) => [paths[name], text]));
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError, create) =>
    virtual.has(name) ? ts.createSourceFile(name, virtual.get(name)!, version, true) : getSourceFile(name, version, onError, create);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  return { program: ts.createProgram([...virtual.keys()], options, host), paths };
}

const built = (() => {
  let cached: ReturnType<typeof program> | null = null;
  return () => (cached ??= program({
    "prelude.ts": cellPrelude("../../../kernel"),
    "cell.ts": `export {};\n${CELL}`,
    "api.ts": `import { np } from "../../../kernel/np.ts";\nimport { Tensor } from "../../../kernel/tensor/tensor.ts";\nexport const api = np;\nexport const tensor = null as unknown as Tensor;\n`,
  }));
})();

interface Param { name: string; rest: boolean }
/** For each callable property of the exported value `name` of api.ts: its parameters (the longest overload). */
function signatures(exported: "api" | "tensor", nested?: string): Map<string, Param[]> {
  const { program: p, paths } = built();
  const checker = p.getTypeChecker();
  const source = p.getSourceFile(paths["api.ts"])!;
  const symbol = checker.getSymbolsInScope(source, ts.SymbolFlags.Variable).find((s) => s.name === exported)!;
  let type = checker.getTypeOfSymbolAtLocation(symbol, source);
  if (nested) type = checker.getTypeOfSymbolAtLocation(type.getProperty(nested)!, source);
  const out = new Map<string, Param[]>();
  for (const prop of type.getProperties()) {
    const sigs = checker.getTypeOfSymbolAtLocation(prop, source).getCallSignatures();
    if (sigs.length === 0 || /^[A-Z]/.test(prop.name)) continue;
    const longest = sigs.map((s) => s.getParameters()).sort((a, b) => b.length - a.length)[0];
    out.set(prop.name, longest.map((param) => {
      const decl = param.valueDeclaration;
      return { name: param.name, rest: decl !== undefined && ts.isParameter(decl) && decl.dotDotDotToken !== undefined };
    }));
  }
  return out;
}

describe("np in the editor (the declarations Monaco completes from)", () => {
  it("a cell using every function issue #10 added type-checks against the prelude", () => {
    const { program: p, paths } = built();
    const problems = ["prelude.ts", "cell.ts"].flatMap((f) => {
      const source = p.getSourceFile(paths[f])!;
      return [...p.getSyntacticDiagnostics(source), ...p.getSemanticDiagnostics(source)].map((d) => `${f}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    });
    expect(problems).toEqual([]);
  }, 60_000);

  it("declares the functions a numpy user reaches for", () => {
    const names = [...signatures("api").keys()];
    for (const name of ["allclose", "isclose", "isnan", "isfinite", "any", "all", "prod", "cumsum", "sort", "argsort", "round", "floor", "ceil",
      "log1p", "expm1", "log2", "log10", "tan", "mod", "median", "percentile", "diag", "swapaxes", "vstack", "hstack", "repeat", "tile", "unique",
      "countNonzero", "bincount", "einsum", "triu", "tril", "meshgrid"]) expect(names, name).toContain(name);
    expect([...signatures("api", "linalg").keys()].sort()).toEqual(["inv", "norm", "solve"]);
    for (const name of ["any", "all", "prod", "cumsum", "argsort", "round", "repeat", "swapaxes", "nonzero", "astype", "ravel", "mod"]) {
      expect([...signatures("tensor").keys()], `Tensor#${name}`).toContain(name);
    }
  }, 60_000);
});

describe("nothing numpy-like is silently ignored", () => {
  const x = () => np.arange(6).reshape(2, 3);
  /** How to call each np function that takes options, with `o` as its options. */
  const WITH_OPTIONS: Record<string, (o: never) => unknown> = {
    array: (o) => np.array([1, 2], o), asarray: (o) => np.asarray([1, 2], o), zeros: (o) => np.zeros(2, o), ones: (o) => np.ones(2, o),
    full: (o) => np.full(2, 1, o), eye: (o) => np.eye(2, null, o), linspace: (o) => np.linspace(0, 1, 3, o),
    zerosLike: (o) => np.zerosLike(x(), o), onesLike: (o) => np.onesLike(x(), o), fullLike: (o) => np.fullLike(x(), 1, o),
    sum: (o) => np.sum(x(), o), prod: (o) => np.prod(x(), o), mean: (o) => np.mean(x(), o), max: (o) => np.max(x(), o), min: (o) => np.min(x(), o),
    var: (o) => np.var(x(), o), std: (o) => np.std(x(), o), argmax: (o) => np.argmax(x(), o), argmin: (o) => np.argmin(x(), o),
    logsumexp: (o) => np.logsumexp(x(), o), cumsum: (o) => np.cumsum(x(), o), median: (o) => np.median(x(), o),
    percentile: (o) => np.percentile(x(), 50, o), quantile: (o) => np.quantile(x(), 0.5, o), sort: (o) => np.sort(x(), o), argsort: (o) => np.argsort(x(), o),
    any: (o) => np.any(x(), o), all: (o) => np.all(x(), o), countNonzero: (o) => np.countNonzero(x(), o), unique: (o) => np.unique(x(), o),
    bincount: (o) => np.bincount([0, 2], o), isclose: (o) => np.isclose(x(), x(), o), allclose: (o) => np.allclose(x(), x(), o),
    concatenate: (o) => np.concatenate([x(), x()], o), stack: (o) => np.stack([x(), x()], o), take: (o) => np.take(x(), [0], o),
    repeat: (o) => np.repeat(x(), 2, o), softmax: (o) => np.softmax(x(), o), logSoftmax: (o) => np.logSoftmax(x(), o),
    gradcheck: (o) => np.gradcheck((t) => t.sum(), [np.ones(2)], o),
    "linalg.norm": (o) => np.linalg.norm(x(), null, o), "random.choice": (o) => np.random.choice(3, [2], o),
  };
  const TENSOR_WITH_OPTIONS: Record<string, (o: never) => unknown> = {
    sum: (o) => x().sum(o), mean: (o) => x().mean(o), max: (o) => x().max(o), min: (o) => x().min(o), var: (o) => x().var(o), std: (o) => x().std(o),
    argmax: (o) => x().argmax(o), argmin: (o) => x().argmin(o), prod: (o) => x().prod(o), cumsum: (o) => x().cumsum(o),
    any: (o) => x().any(o), all: (o) => x().all(o), argsort: (o) => x().argsort(o), softmax: (o) => x().softmax(o),
    logSoftmax: (o) => x().logSoftmax(o), take: (o) => x().take([0], o), repeat: (o) => x().repeat(2, o),
  };
  const withOptions = (sigs: Map<string, Param[]>, prefix = "") =>
    [...sigs].filter(([, params]) => params.some((p) => p.name === "options")).map(([name]) => prefix + name);

  it("every function and method with an options object is in the audit below", () => {
    const declared = [...withOptions(signatures("api")), ...withOptions(signatures("api", "linalg"), "linalg."), ...withOptions(signatures("api", "random"), "random.")];
    expect(declared.sort()).toEqual(Object.keys(WITH_OPTIONS).sort());
    expect(withOptions(signatures("tensor")).sort()).toEqual(Object.keys(TENSOR_WITH_OPTIONS).sort());
  }, 60_000);

  for (const [name, call] of [...Object.entries(WITH_OPTIONS).map(([n, c]) => [`np.${n}`, c] as const), ...Object.entries(TENSOR_WITH_OPTIONS).map(([n, c]) => [`Tensor#${n}`, c] as const)]) {
    it(`${name} names an option it does not implement, and refuses a value where the options go`, () => {
      expect(() => call({ out: 1 } as never)).toThrow(/unsupported option "out" \(supported: |takes no options/);
      expect(() => call("float32" as never)).toThrow(/expected an options object like \{.*\}, got the string "float32"|expected no options/);
    });
  }

  it("np.meshgrid takes its options last, and names one it does not implement", () => {
    expect(() => np.meshgrid(np.arange(2), np.arange(3), { sparse: true } as never)).toThrow('meshgrid: unsupported option "sparse" (supported: indexing)');
    expect(() => np.meshgrid(np.arange(2), { indexing: "xyz" } as never)).toThrow('meshgrid: indexing must be "xy" or "ij"');
  });

  it("np.sum(X, 0), numpy's positional axis, is refused with the options form to use", () => {
    expect(() => np.sum(x(), 0 as never)).toThrow("sum: expected an options object like {axis, keepdims}, got 0");
    expect(() => x().mean(1 as never)).toThrow("mean: expected an options object like {axis, keepdims}, got 1");
  });

  it("an option numpy has but we do not is named: {dtype} on a reduction, {mode} on take, {method} on percentile", () => {
    expect(() => np.sum(x(), { dtype: "float32" } as never)).toThrow('sum: unsupported option "dtype" (supported: axis, keepdims)');
    expect(() => np.take(x(), [0], { mode: "clip" } as never)).toThrow('take: unsupported option "mode" (supported: axis)');
    expect(() => np.percentile(x(), 50, { method: "lower" } as never)).toThrow('percentile: method the string "lower" is not supported');
    expect(() => np.zeros(3, { dtype: "float32" } as never)).toThrow('zeros: dtype "float32" is not supported');
    // astype(np.float64): np has no dtype objects, so numpy's spelling arrives as undefined
    expect(() => x().greater(0).astype((np as never as Record<string, never>).float64)).toThrow('astype: dtype undefined is not supported: a dtype is text here, astype("float64") for numpy\'s astype(np.float64)');
    expect(() => np.linalg.norm(x(), 2)).toThrow("needs singular values, which are not supported");
    expect(() => np.einsum("...i,i", x(), np.ones(3))).toThrow('"..." (broadcasting) is not supported');
  });

  describe("an extra positional argument (numpy's dtype, out, ...) is refused", () => {
    const sigs = signatures("api");
    const fns = np as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const [name, params] of sigs) {
      if (["noGrad", "gradcheck", "trace", "phase"].includes(name)) continue;
      const variadic = params.some((p) => p.rest);
      it(`np.${name}: ${variadic ? "takes any number of arguments" : `declares ${params.length} parameter(s) and refuses a ${params.length + 1}th`}`, () => {
        if (variadic) return expect(fns[name].length).toBeLessThanOrEqual(params.length);
        expect(fns[name].length, "the run-time function declares as many parameters as its type").toBe(params.length);
        const extra = new Array(params.length + 1).fill(undefined);
        expect(() => fns[name](...extra)).toThrow(`${name}: takes at most ${params.length} argument`);
      });
    }
    it("np.clip(x, 0, 1, out) names the count", () => {
      expect(() => (np.clip as (...a: unknown[]) => unknown)(x(), 0, 1, x())).toThrow("clip: takes at most 3 arguments, got 4 (numpy's other arguments, such as dtype or out, are not supported)");
    });
  });

  it("x.sort() refuses to sort in place and points at np.sort", () => {
    expect(() => x().sort()).toThrow("use np.sort(x) for a sorted copy");
  });

  it("np.where(cond) with one argument points at np.nonzero", () => {
    expect(() => np.where(x().greater(2))).toThrow("use np.nonzero(cond)");
  });

  it("clip refuses array bounds instead of taking them as something else", () => {
    expect(() => np.clip(x(), np.zeros(3) as never, 1)).toThrow("clip: lo must be a number or null, got an array of shape (3,)");
  });

  it("a Tensor's dtype survives detach and copies", () => {
    const mask = x().greater(2);
    expect(mask.detach().dtype).toBe("bool");
    expect(np.array(mask).dtype).toBe("bool");
    expect(mask.copy().dtype).toBe("bool");
    expect(new Tensor(new Float64Array(1), []).dtype).toBe("float64");
  });
});

describe("a mask as the page receives it", () => {
  it("carries dtype bool and numpy's printed text", async () => {
    const { toMimeBundle } = await import("../../kernel/display/bundle.ts");
    const bundle = toMimeBundle(np.array([true, false]));
    expect((bundle["application/vnd.stepbook.tensor+json"] as { dtype: string }).dtype).toBe("bool");
    expect(bundle["text/plain"]).toBe("array([ True, False])");
  });
});
