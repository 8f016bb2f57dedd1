// Addressing shared by the kernels: every array is float64s at a byte offset into this module's memory.

/** the byte address of float64 number `index` of the array at `base` */
// @ts-ignore: decorator
@inline
export function at(base: usize, index: i32): usize {
  return base + (<usize>index << 3);
}

/** Where the memory the JavaScript side may use starts (after this module's static data). */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
