/**
 * Dense symmetric positive definite matrices, row-major in a Float64Array of
 * n × n. The grade posterior works on one class's scripts (tens, at most a few
 * hundred), where a dense Cholesky factor costs less than anything sparse.
 */

/** Cholesky in place: the lower triangle becomes L with A = L·Lᵀ and the upper is zeroed. False if A is not positive definite. */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let diagonal = a[rowJ + j];
    for (let k = 0; k < j; k++) diagonal -= a[rowJ + k] * a[rowJ + k];
    if (!(diagonal > 0)) return false;
    const pivot = Math.sqrt(diagonal);
    a[rowJ + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let sum = a[rowI + j];
      for (let k = 0; k < j; k++) sum -= a[rowI + k] * a[rowJ + k];
      a[rowI + j] = sum / pivot;
    }
    for (let k = j + 1; k < n; k++) a[rowJ + k] = 0;
  }
  return true;
}

/** Solves L·Lᵀ·x = b in place, L from `cholesky`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * b[k];
    b[i] = sum / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * b[k];
    b[i] = sum / l[i * n + i];
  }
}

/** log det(A) from A's Cholesky factor. */
export function logDeterminant(l: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += 2 * Math.log(l[i * n + i]);
  return sum;
}

/** A⁻¹ from A's Cholesky factor L, as (L⁻¹)ᵀ·L⁻¹. */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  const lowerInverse = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    lowerInverse[j * n + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * n + k] * lowerInverse[k * n + j];
      lowerInverse[i * n + j] = sum / l[i * n + i];
    }
  }
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += lowerInverse[k * n + i] * lowerInverse[k * n + j];
      inverse[i * n + j] = sum;
      inverse[j * n + i] = sum;
    }
  }
  return inverse;
}
