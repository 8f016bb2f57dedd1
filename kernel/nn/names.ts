// Keras's layer names: the class name in snake case with a counter, "dense_1", "batch_normalization_1".
// Counted per model (not per session as Keras does), so re-running a cell gives the same names.
export function snakeCase(className: string): string {
  return className.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}
