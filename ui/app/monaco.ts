// Monaco, loaded by dynamic import on the first edit only (a page that is only read fetches none of it).
// Slim entry points as in STACK.md: the editor, its features, and TypeScript; workers wired through
// self.MonacoEnvironment.getWorker. The kernel's sources and a globals prelude are extra libs, so
// completion, hover types and errors know np, plot, display, check and the names of earlier cells.
import { cellNamesLib, kernelLibs } from "./kernel-api.ts";

export type Monaco = typeof import("monaco-editor/editor");
type TsDefaults = typeof import("monaco-editor/languages/features/typescript/register").typescriptDefaults;

let loading: Promise<{ monaco: Monaco; ts: TsDefaults }> | undefined;
let namesLib: { dispose(): void } | undefined;

// Diagnostics that are wrong for notebook cells: top-level await and return are allowed, and a cell
// may redefine a name (re-running a cell does exactly that).
const IGNORED_DIAGNOSTICS = [1375, 1378, 1108, 2451, 2300, 1208];

export function loadMonaco(): Promise<{ monaco: Monaco; ts: TsDefaults }> {
  loading ??= (async () => {
    const [monaco, , , tsFeatures, EditorWorker, TsWorker] = await Promise.all([
      import("monaco-editor/editor"),
      import("monaco-editor/features/register.all"),
      import("monaco-editor/languages/definitions/typescript/register"),
      import("monaco-editor/languages/features/typescript/register"),
      import("monaco-editor/editor/editor.worker?worker"),
      import("monaco-editor/languages/features/typescript/ts.worker?worker"),
    ]);
    (self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
      getWorker(_id: string, label: string) {
        return label === "typescript" || label === "javascript" ? new TsWorker.default() : new EditorWorker.default();
      },
    };
    const ts = tsFeatures.typescriptDefaults;
    ts.setCompilerOptions({
      target: 99 /* ESNext */, module: 99 /* ESNext */, moduleResolution: 100 as never /* Bundler (not in Monaco's enum, known to its TypeScript) */, lib: ["es2022", "dom"],
      strict: false, noImplicitAny: false, allowImportingTsExtensions: true, allowNonTsExtensions: true, noEmit: true, skipLibCheck: true,
    });
    ts.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false, diagnosticCodesToIgnore: IGNORED_DIAGNOSTICS });
    ts.setExtraLibs((await kernelLibs()).map(([filePath, content]) => ({ filePath, content })));
    followColorScheme(monaco);
    return { monaco, ts };
  })();
  return loading;
}

const DARK = "(prefers-color-scheme: dark)";

/** Monaco's theme for the page's colour scheme now. */
export function monacoTheme(): "vs" | "vs-dark" {
  return typeof matchMedia === "function" && matchMedia(DARK).matches ? "vs-dark" : "vs";
}

/** The page's theme follows the system's light/dark switch live (app.css); Monaco's theme is global, so
 * one listener switches every editor. */
function followColorScheme(monaco: Monaco): void {
  if (typeof matchMedia !== "function") return;
  matchMedia(DARK).addEventListener("change", (e) => monaco.editor.setTheme(e.matches ? "vs-dark" : "vs"));
}

/** Declare the names of earlier cells (all but the ones the edited cell defines itself). */
export async function setCellNames(variables: readonly { name: string; type: string }[]): Promise<void> {
  const { ts } = await loadMonaco();
  namesLib?.dispose();
  namesLib = ts.addExtraLib(cellNamesLib(variables), "file:///stepbook/cell-names.d.ts");
}
