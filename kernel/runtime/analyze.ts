// Scope analysis of one cell's JavaScript (acorn AST): which names the cell declares at its top level,
// which identifiers are free (they refer to kernel variables or globals, not to a local binding), and the
// places the rewriter instruments (loops, function entries, statements that call something, tensor
// bindings). One walk collects everything; `rewrite.ts` applies the edits.
import type { Node } from "acorn";
import type { NumExpr, NumFn, NumOp } from "../trace/constant-expr.ts";
import { CHECKED_OPERATORS, checkedAddition, listComparisonMessage, tupleMessage } from "./numpy-habits.ts";

/** acorn nodes, read generically: the walker visits any child that has a `type`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsNode = Node & { [key: string]: any };

export type DeclKind = "var" | "let" | "const" | "function" | "class";

/** An identifier that does not resolve to a binding inside the cell. */
export interface FreeRef {
  node: JsNode;
  /** written to (`x = 1`, `x++`, a destructuring target). */
  assigned: boolean;
  /** a top-level declaration's own binding (`const x = ...` at the top): always becomes `__scope.x`. */
  declaration: boolean;
  /** appears as a shorthand property (`{x}`), so the rewrite must spell out `x: __scope.x`. */
  shorthand: boolean;
  /** the operand of `typeof`, which must not throw for an undefined name. */
  typeofOperand: boolean;
  /** read and written (`x += 1`, `x++`): a use as well as a definition. */
  compound?: boolean;
}

export interface Analysis {
  topLevel: Map<string, DeclKind>;
  freeRefs: FreeRef[];
  /** top-level `var`/`let`/`const` declarations (statements or for-loop heads) to turn into scope writes. */
  topDeclarations: { node: JsNode; statement: boolean }[];
  topClasses: JsNode[];
  loopBodies: JsNode[];
  functionBodies: JsNode[];
  /** statements of statement lists that call something (only those can produce trace steps). */
  callingStatements: JsNode[];
  /**
   * `const Z1 = <expr>` / `Z1 = <expr>` where the value may be a tensor worth naming; for
   * `const [Xtrain, Xtest] = <expr>`, the element names (null for a hole). `local` when the variable
   * belongs to a function: the cell's own `const yOut = conv1d(x, w)` may rename what conv1d's `y` named.
   */
  bindings: { init: JsNode; name: string | (string | null)[]; local: boolean }[];
  /**
   * Arithmetic of top-level names and numbers (`1 - beta1`, `2 * alpha * lambda`), the widest on each
   * line, so a traced formula can write a number as the code computed it (kernel/trace/constant-expr.ts).
   */
  numberExprs: { line: number; expr: NumExpr }[];
  /**
   * `a + b`, `a == b`, `a != b`, `a === b`, `a !== b` and `x += b`, `obj.x += b`: JavaScript's meaning differs from numpy's for arrays (text,
   * identity), so the rewrite routes them through a check that refuses a tensor there (cell-handle.ts).
   */
  operators: JsNode[];
  /** `import`/`export` and other constructs a cell cannot run. */
  unsupported: { node: JsNode; message: string }[];
}

class Scope {
  readonly names = new Set<string>();
  constructor(readonly parent: Scope | null, readonly isFunction: boolean) {}
  resolve(name: string): Scope | null {
    for (let s: Scope | null = this; s; s = s.parent) if (s.names.has(name)) return s;
    return null;
  }
  functionScope(): Scope {
    let s: Scope = this;
    while (!s.isFunction && s.parent) s = s.parent;
    return s;
  }
}

const NUM_OPS = new Set(["+", "-", "*", "/", "**"]);
const NUM_FNS = new Set<string>(["sqrt", "exp", "log", "abs"]);
/** Worth writing out: it reads names (1 - beta1) or computes through a function (Math.sqrt(1 / 2)), so its value is not in the code as a number. */
const worthWriting = (e: NumExpr): boolean => ("name" in e || "fn" in e ? true : "neg" in e ? worthWriting(e.neg) : "op" in e ? worthWriting(e.left) || worthWriting(e.right) : false);

const LOOPS = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);
const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

export function analyze(program: JsNode): Analysis {
  const a: Analysis = {
    topLevel: new Map(), freeRefs: [], topDeclarations: [], topClasses: [], loopBodies: [], functionBodies: [],
    callingStatements: [], bindings: [], numberExprs: [], operators: [], unsupported: [],
  };
  const top = new Scope(null, true);
  // Statements of the current function's statement lists, innermost last; a call marks them all.
  let statementStack: { node: JsNode; marked: boolean }[] = [];
  const forHeads = new Set<JsNode>();
  const inNumberExpr = new WeakSet<JsNode>();

  /** `node` as arithmetic of names that are not local and of numbers, or null. */
  function numberExpr(node: JsNode, scope: Scope): NumExpr | null {
    switch (node.type) {
      case "Literal": return typeof node.value === "number" ? { num: node.value } : null;
      case "Identifier": {
        const owner = scope.resolve(node.name);
        return owner === null || owner === top ? { name: node.name } : null;
      }
      case "UnaryExpression": {
        if (node.operator !== "-") return null;
        const inner = numberExpr(node.argument, scope);
        return inner === null ? null : { neg: inner };
      }
      case "CallExpression": {
        // Math.sqrt(1 / 2) (a scale at initialisation): Math's own functions, unless a cell redefined Math
        const callee = node.callee;
        if (callee.type !== "MemberExpression" || callee.computed || callee.object.type !== "Identifier" || callee.object.name !== "Math") return null;
        if (!NUM_FNS.has(callee.property.name) || node.arguments.length !== 1 || scope.resolve("Math") !== null) return null;
        const arg = numberExpr(node.arguments[0], scope);
        return arg === null ? null : { fn: callee.property.name as NumFn, arg };
      }
      case "MemberExpression": {
        // a tensor's size, ndim or shape[k] (2 / out.size): read from the kernel's own getters, never a cell's
        const shape = node.computed && node.property.type === "Literal" && Number.isInteger(node.property.value) ? node.object : null;
        const base = shape !== null && shape.type === "MemberExpression" && !shape.computed && shape.property.name === "shape" ? shape.object
          : !node.computed && (node.property.name === "size" || node.property.name === "ndim") ? node.object : null;
        if (base === null || base.type !== "Identifier") return null;
        const owner = scope.resolve(base.name); // a local is not the top-level tensor it shadows
        if (owner !== null && owner !== top) return null;
        return { name: shape !== null ? `${base.name}.shape[${node.property.value}]` : `${base.name}.${node.property.name}` };
      }
      case "BinaryExpression": {
        if (!NUM_OPS.has(node.operator)) return null;
        const left = numberExpr(node.left, scope), right = numberExpr(node.right, scope);
        return left === null || right === null ? null : { op: node.operator as NumOp, left, right };
      }
    }
    return null;
  }

  /** Keep `node` as the way its line wrote a number, if it is such arithmetic; its parts are not kept again (2 * alpha of 1 - 2 * alpha). */
  function collectNumber(node: JsNode, scope: Scope): void {
    if (inNumberExpr.has(node)) return;
    const expr = numberExpr(node, scope);
    if (expr === null || !worthWriting(expr)) return;
    // by the line of the statement it is in: a step is placed at its statement's first line (rewrite.ts),
    // and the expression may sit lower in it (W2: ....mul(Math.sqrt(1 / H)) in a multi-line return { })
    const statement = statementStack[statementStack.length - 1]?.node ?? node;
    a.numberExprs.push({ line: statement.loc!.start.line, expr });
    const mark = (n: JsNode) => { inNumberExpr.add(n); for (const c of [n.left, n.right, n.argument, ...(n.arguments ?? [])]) if (c) mark(c); };
    mark(node);
  }

  const declare = (scope: Scope, name: string, kind: DeclKind) => {
    scope.names.add(name);
    if (scope === top) a.topLevel.set(name, kind);
  };

  // Hoisting: lexical declarations of a statement list belong to its block; `var` to the function.
  function declareStatements(statements: JsNode[], scope: Scope) {
    for (const s of statements) {
      if (s.type === "VariableDeclaration" && s.kind !== "var") {
        for (const d of s.declarations) for (const n of patternNames(d.id)) declare(scope, n, s.kind);
      } else if (s.type === "FunctionDeclaration" && s.id) declare(scope, s.id.name, "function");
      else if (s.type === "ClassDeclaration" && s.id) declare(scope, s.id.name, "class");
    }
  }
  function hoistVars(node: JsNode, fscope: Scope) {
    if (!node || typeof node.type !== "string" || FUNCTIONS.has(node.type)) return;
    if (node.type === "VariableDeclaration" && node.kind === "var") {
      for (const d of node.declarations) for (const n of patternNames(d.id)) declare(fscope, n, "var");
    }
    forEachChild(node, (child) => hoistVars(child, fscope));
  }

  function reference(node: JsNode, scope: Scope, flags: Partial<FreeRef> = {}) {
    const owner = scope.resolve(node.name);
    if (owner && owner !== top) return;
    a.freeRefs.push({ node, assigned: false, declaration: false, shorthand: false, typeofOperand: false, ...flags });
  }

  // A pattern in a declaration ("bind") or an assignment target ("assign").
  function pattern(node: JsNode, scope: Scope, mode: "bind" | "assign", topBinding: boolean, shorthand = false) {
    switch (node.type) {
      case "Identifier":
        if (mode === "assign") reference(node, scope, { assigned: true, shorthand });
        else if (topBinding) a.freeRefs.push({ node, assigned: true, declaration: true, shorthand, typeofOperand: false });
        return;
      case "ObjectPattern":
        for (const p of node.properties) {
          if (p.type === "RestElement") { pattern(p.argument, scope, mode, topBinding); continue; }
          if (p.computed) visit(p.key, scope);
          pattern(p.value, scope, mode, topBinding, p.shorthand);
        }
        return;
      case "ArrayPattern":
        for (const e of node.elements) if (e) pattern(e, scope, mode, topBinding);
        return;
      case "AssignmentPattern":
        pattern(node.left, scope, mode, topBinding, shorthand);
        visit(node.right, scope);
        return;
      case "RestElement":
        pattern(node.argument, scope, mode, topBinding);
        return;
      default: // a member expression target (`obj.x = ...`) is an ordinary expression
        visit(node, scope);
    }
  }

  function fn(node: JsNode, outer: Scope) {
    const scope = new Scope(outer, true);
    if (node.type === "FunctionExpression" && node.id) scope.names.add(node.id.name);
    if (node.type !== "ArrowFunctionExpression") scope.names.add("arguments");
    for (const p of node.params) for (const n of patternNames(p)) scope.names.add(n);
    for (const p of node.params) pattern(p, scope, "bind", false);
    a.functionBodies.push(node.body);
    const saved = statementStack;
    statementStack = [];
    if (node.body.type === "BlockStatement") {
      declareStatements(node.body.body, scope);
      hoistVars(node.body, scope);
      statementList(node.body.body, scope);
    } else visit(node.body, scope);
    statementStack = saved;
  }

  function statementList(statements: JsNode[], scope: Scope) {
    for (const s of statements) {
      const entry = { node: s, marked: false };
      statementStack.push(entry);
      visit(s, scope);
      statementStack.pop();
    }
  }

  function markCalling() {
    for (let i = statementStack.length - 1; i >= 0 && !statementStack[i].marked; i--) {
      statementStack[i].marked = true;
      a.callingStatements.push(statementStack[i].node);
    }
  }

  function noteBinding(name: string | (string | null)[], init: JsNode | null | undefined, scope: Scope) {
    if (init && mayBeTensor(init)) a.bindings.push({ init, name, local: scope.functionScope() !== top });
  }

  const calledSequences = new Set<JsNode>();
  /** X[0, 1]: numpy's index of two axes, JavaScript's X[1] */
  const indexSequences = new Set<JsNode>();

  function visit(node: JsNode, scope: Scope): void {
    if (!node || typeof node.type !== "string") return;
    if (FUNCTIONS.has(node.type)) return fn(node, scope);
    if (LOOPS.has(node.type)) a.loopBodies.push(node.body);
    switch (node.type) {
      case "Identifier":
        return reference(node, scope);
      case "ImportDeclaration": case "ImportExpression":
      case "ExportNamedDeclaration": case "ExportDefaultDeclaration": case "ExportAllDeclaration":
        a.unsupported.push({ node, message: `${node.type.startsWith("Import") ? "import" : "export"} is not supported in a cell: np, display, md, tex, check, progress and plot are already in scope` });
        return;
      case "BlockStatement": case "StaticBlock": {
        const block = new Scope(scope, false);
        declareStatements(node.body, block);
        return statementList(node.body, block);
      }
      case "ForStatement": case "ForInStatement": case "ForOfStatement": {
        const head = new Scope(scope, false);
        const decl = node.type === "ForStatement" ? node.init : node.left;
        if (decl) forHeads.add(decl);
        if (decl?.type === "VariableDeclaration" && decl.kind !== "var") declareStatements([decl], head);
        if (decl && decl.type !== "VariableDeclaration" && node.type !== "ForStatement") pattern(decl, head, "assign", false);
        else visit(decl, head);
        for (const key of ["test", "update", "right", "body"]) visit(node[key], head);
        return;
      }
      case "VariableDeclaration": {
        const topBinding = node.kind === "var" ? scope.functionScope() === top : scope === top;
        if (topBinding) a.topDeclarations.push({ node, statement: false });
        for (const d of node.declarations) {
          pattern(d.id, scope, "bind", topBinding);
          if (d.id.type === "Identifier") noteBinding(d.id.name, d.init, scope);
          else if (d.id.type === "ArrayPattern" && d.id.elements.every((e: JsNode | null) => e === null || e.type === "Identifier")) {
            noteBinding(d.id.elements.map((e: JsNode | null) => e?.name ?? null), d.init, scope);
          }
          visit(d.init, scope);
        }
        return;
      }
      case "ClassDeclaration": case "ClassExpression": {
        if (node.type === "ClassDeclaration" && scope === top) a.topClasses.push(node);
        visit(node.superClass, scope);
        const inner = new Scope(scope, false);
        if (node.id) inner.names.add(node.id.name);
        return visit(node.body, inner);
      }
      case "CatchClause": {
        const inner = new Scope(scope, false);
        if (node.param) {
          for (const n of patternNames(node.param)) inner.names.add(n);
          pattern(node.param, inner, "bind", false);
        }
        return visit(node.body, inner);
      }
      case "SwitchStatement": {
        visit(node.discriminant, scope);
        const inner = new Scope(scope, false);
        for (const c of node.cases) declareStatements(c.consequent, inner);
        for (const c of node.cases) { visit(c.test, inner); statementList(c.consequent, inner); }
        return;
      }
      case "AssignmentExpression":
        if (checkedAddition(node)) a.operators.push(node);
        // y = y.add(...) names after the variable's own scope (a top-level one assigned inside a function is not local)
        if (node.left.type === "Identifier" && node.operator === "=") noteBinding(node.left.name, node.right, scope.resolve(node.left.name) ?? top);
        if (node.left.type === "Identifier" && node.operator !== "=") reference(node.left, scope, { assigned: true, compound: true });
        else pattern(node.left, scope, "assign", false);
        return visit(node.right, scope);
      case "UpdateExpression":
        if (node.argument.type === "Identifier") return reference(node.argument, scope, { assigned: true, compound: true });
        return visit(node.argument, scope);
      case "UnaryExpression":
        if (node.operator === "typeof" && node.argument.type === "Identifier") {
          return reference(node.argument, scope, { typeofOperand: true });
        }
        break;
      case "MemberExpression":
        if (node.computed && node.property.type === "SequenceExpression") indexSequences.add(node.property);
        visit(node.object, scope);
        if (node.computed) visit(node.property, scope);
        return;
      case "Property":
        if (node.computed) visit(node.key, scope);
        // ({ columnMeans: xhat.mean(...) }): the tensor is named after its key, as a variable would be
        else if (node.kind === "init" && !node.method && !node.shorthand && node.key.type === "Identifier") noteBinding(node.key.name, node.value, scope);
        if (node.shorthand && node.value.type === "Identifier") return reference(node.value, scope, { shorthand: true });
        return visit(node.value, scope);
      case "MethodDefinition": case "PropertyDefinition":
        if (node.computed) visit(node.key, scope);
        return visit(node.value, scope);
      case "LabeledStatement":
        return visit(node.body, scope);
      case "BreakStatement": case "ContinueStatement": case "MetaProperty":
        return;
      case "SequenceExpression": {
        // np.zeros((3, 2)) is np.zeros(2): a numpy tuple read as JavaScript's comma operator ((0, f)() is an idiom)
        const message = calledSequences.has(node) ? null : tupleMessage(node, indexSequences.has(node));
        if (message !== null) a.unsupported.push({ node, message });
        break;
      }
      case "CallExpression": case "NewExpression": case "TaggedTemplateExpression":
        if (node.type === "CallExpression" && node.callee.type === "SequenceExpression") calledSequences.add(node.callee);
        markCalling();
        if (node.type === "CallExpression") collectNumber(node, scope);
        break;
      case "BinaryExpression":
        {
          // X.shape == [2, 3]: a new array is no other array, so this is decided before it runs
          const message = listComparisonMessage(node);
          if (message !== null) a.unsupported.push({ node, message });
        }
        if (CHECKED_OPERATORS.has(node.operator)) a.operators.push(node);
        collectNumber(node, scope);
        break;
    }
    forEachChild(node, (child) => visit(child, scope));
  }

  declareStatements(program.body, top);
  hoistVars(program, top);
  statementList(program.body, top);
  // A for-loop head is no statement: `= undefined` may not be added there, nor parentheses.
  for (const d of a.topDeclarations) d.statement = !forHeads.has(d.node);
  return a;
}

/** Whether an initialiser can evaluate to a fresh tensor: calls, `new`, or member reads like `X.T`. */
function mayBeTensor(init: JsNode): boolean {
  if (FUNCTIONS.has(init.type) || init.type === "ClassExpression") return false;
  return init.type === "CallExpression" || init.type === "NewExpression" || init.type === "MemberExpression"
    || init.type === "AwaitExpression" || init.type === "ConditionalExpression" || init.type === "ChainExpression"
    || init.type === "LogicalExpression";
}

export function patternNames(node: JsNode | null): string[] {
  if (!node) return [];
  switch (node.type) {
    case "Identifier": return [node.name];
    case "ObjectPattern":
      return node.properties.flatMap((p: JsNode) => patternNames(p.type === "RestElement" ? p.argument : p.value));
    case "ArrayPattern": return node.elements.flatMap((e: JsNode | null) => patternNames(e));
    case "AssignmentPattern": return patternNames(node.left);
    case "RestElement": return patternNames(node.argument);
    default: return [];
  }
}

export function forEachChild(node: JsNode, fn: (child: JsNode) => void): void {
  for (const key in node) {
    if (key === "loc" || key === "range") continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof v.type === "string") fn(v);
    } else if (value && typeof value === "object" && typeof value.type === "string") fn(value);
  }
}
