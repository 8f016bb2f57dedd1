// sin and cos from + - * / only, so the generated data sets are the same bits in every JavaScript
// engine (Math.sin and Math.cos are not specified to the last bit; engines differ). Range reduction
// to |r| ≤ π/4 with π/2 split in two parts (Cody & Waite), then Taylor series to r¹⁷ / r¹⁶ (error
// below 1e-18 there). Accurate to a few ulps for |x| < 1e5, plenty for data sets.
const PIO2_HI = 1.5707963267341256;
const PIO2_LO = 6.077100506506192e-11;

function sinPoly(r: number): number {
  const r2 = r * r;
  // r (1 - r²/(2·3) (1 - r²/(4·5) (1 - ...))): the Taylor series nested, highest term first
  let s = 1;
  for (let k = 17; k >= 3; k -= 2) s = 1 - s * (r2 / (k * (k - 1)));
  return r * s;
}

function cosPoly(r: number): number {
  const r2 = r * r;
  let s = 1;
  for (let k = 16; k >= 2; k -= 2) s = 1 - s * (r2 / (k * (k - 1)));
  return s;
}

function reduce(x: number): [number, number] {
  const k = Math.round(x / (PIO2_HI + PIO2_LO));
  const r = x - k * PIO2_HI - k * PIO2_LO;
  return [r, ((k % 4) + 4) % 4];
}

export function portableSin(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const [r, q] = reduce(x);
  return q === 0 ? sinPoly(r) : q === 1 ? cosPoly(r) : q === 2 ? -sinPoly(r) : -cosPoly(r);
}

export function portableCos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const [r, q] = reduce(x);
  return q === 0 ? cosPoly(r) : q === 1 ? -sinPoly(r) : q === 2 ? -cosPoly(r) : sinPoly(r);
}
