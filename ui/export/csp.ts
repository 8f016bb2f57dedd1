// The Content-Security-Policy of the app and of every exported page: scripts only from the site's own
// files, so markup that reached a page from data (an output, a lesson) can never run: no inline
// <script>, no onerror= attributes, no javascript: URLs, no plugins, no <base> redirecting the scripts.
// 'unsafe-eval' stays: running the reader's cells is the kernel's job (the worker compiles them with
// `new Function`), and 'wasm-unsafe-eval' lets the kernel compile its WebAssembly. Styles are not
// restricted (KaTeX and Monaco set inline styles; a style cannot run script).
// The dev server and `vite preview` send it as a header (vite.config.ts); exported pages carry it in
// a <meta http-equiv> (a static host may send no headers at all).
export const CONTENT_SECURITY_POLICY = [
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
