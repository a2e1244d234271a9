// Small dense matrices as row-major Float64Arrays: the Cholesky factor and triangular solves the
// mixed model needs thousands of times per evaluation, written out so the inner loop allocates nothing.

/** Lower-triangular Cholesky factor of the symmetric n x n matrix `a`, written into `l`. Returns the
 * index of the first pivot that is not clearly positive (the matrix is singular there), or -1. */
export function choleskyInto(a: Float64Array, l: Float64Array, n: number, tolerance = 0): number {
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j] as number;
    for (let k = 0; k < j; k++) diagonal -= (l[j * n + k] as number) ** 2;
    const scale = a[j * n + j] as number;
    if (!(diagonal > tolerance * Math.max(scale, 1e-300))) return j;
    const root = Math.sqrt(diagonal);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = sum / root;
    }
    for (let i = 0; i < j; i++) l[i * n + j] = 0;
  }
  return -1;
}

/** Solves L x = b in place (L lower triangular n x n). */
export function forwardSolve(l: Float64Array, b: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * n + k] as number) * (b[k] as number);
    b[i] = sum / (l[i * n + i] as number);
  }
}

/** Solves L' x = b in place (L lower triangular n x n). */
export function backSolveTransposed(l: Float64Array, b: Float64Array, n: number): void {
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (l[k * n + i] as number) * (b[k] as number);
    b[i] = sum / (l[i * n + i] as number);
  }
}

/** (L L')^-1 from the lower Cholesky factor L: the inverse of the matrix that was factored. */
export function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  const inverse = new Float64Array(n * n);
  const column = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    column.fill(0);
    column[j] = 1;
    forwardSolve(l, column, n);
    backSolveTransposed(l, column, n);
    for (let i = 0; i < n; i++) inverse[i * n + j] = column[i] as number;
  }
  return inverse;
}
