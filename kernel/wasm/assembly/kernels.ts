// The WASM backend's arithmetic, in AssemblyScript (compiled by `asc`, see tools/build-wasm.mjs).
// Every function works on float64 arrays at byte offsets into this module's memory; the JavaScript
// side (kernel/wasm/backend.ts) copies operands in, calls one function, and copies the result out.
//
// Results match the TypeScript reference backend bit for bit wherever the operations are the same
// IEEE operations in the same order: the matrix product (each C[i, j] is 0 + a[i,0] b[0,j] + a[i,1] b[1,j]
// + ... in that order, with separate multiply and add, no fused multiply-add), the elementwise binary
// ops, sqrt, relu, and the reductions. exp and tanh are our own f64x2 polynomials (below) and log is
// AssemblyScript's port of musl's: they differ from V8's Math.exp/tanh/log by a few ulp at most, and
// so does sigmoid, built on exp. The bounds are measured over millions of points and the special
// values in tests/kernel/wasm/backend.test.ts: exp 1, log 1, tanh 2, sigmoid 2 ulp.
//
// One job per file: gemm.ts (the matrix product), maps.ts (exp, log, tanh, sigmoid, relu, sqrt),
// elementwise.ts (broadcasting binary ops and reductions); memory.ts holds the addressing they share.
// This file is the module's entry: what it exports is what JavaScript sees.

export { gemmPackSize, gemm, gemmRows } from "./gemm";
export { EXP, LOG, TANH, SIGMOID, RELU, SQRT, map } from "./maps";
export { ADD, SUB, MUL, DIV, TANH_BACKWARD, SIGMOID_BACKWARD, binary, SUM, MAX, reduce } from "./elementwise";
export { heapBase } from "./memory";
