/**
 * Exact rational arithmetic on decimal figures (BigInt numerator/denominator), so that a rate such as
 * 2 727 334 / 2 891 437 rounds half-up exactly, never off by a binary-float hair at ...x5.
 */
export class Exact {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Exact(0n, 1n);
  static readonly ONE = new Exact(1n, 1n);

  /** From a decimal written as a string ('123.45', '-0.5', '1e3' not allowed) or a finite number. */
  static of(v: string | number | bigint | Exact): Exact {
    if (v instanceof Exact) return v;
    if (typeof v === 'bigint') return new Exact(v, 1n);
    const s = typeof v === 'number' ? numberToPlain(v) : v.trim();
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
    if (!m) throw new Error(`not a decimal: ${s}`);
    const frac = m[3] ?? '';
    const n = BigInt(m[2] + frac) * (m[1] ? -1n : 1n);
    return Exact.make(n, 10n ** BigInt(frac.length));
  }

  private static make(num: bigint, den: bigint): Exact {
    if (den === 0n) throw new Error('division by zero');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num < 0n ? -num : num, den);
    return new Exact(num / g, den / g);
  }

  add(o: Exact | string | number): Exact {
    const b = Exact.of(o);
    return Exact.make(this.num * b.den + b.num * this.den, this.den * b.den);
  }
  sub(o: Exact | string | number): Exact {
    const b = Exact.of(o);
    return Exact.make(this.num * b.den - b.num * this.den, this.den * b.den);
  }
  mul(o: Exact | string | number): Exact {
    const b = Exact.of(o);
    return Exact.make(this.num * b.num, this.den * b.den);
  }
  div(o: Exact | string | number): Exact {
    const b = Exact.of(o);
    return Exact.make(this.num * b.den, this.den * b.num);
  }
  cmp(o: Exact | string | number): number {
    const b = Exact.of(o);
    const l = this.num * b.den;
    const r = b.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  isPositive(): boolean {
    return this.num > 0n;
  }

  /** Half-up (away from zero on a tie) to `digits` decimals, as a plain decimal string ('94.3'). */
  toFixedHalfUp(digits: number): string {
    const scale = 10n ** BigInt(digits);
    const neg = this.num < 0n;
    const a = neg ? -this.num : this.num;
    // floor((a*scale*2 + den) / (2*den)) = round-half-up of a*scale/den
    const r = (a * scale * 2n + this.den) / (2n * this.den);
    let s = r.toString().padStart(digits + 1, '0');
    if (digits > 0) s = `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
    return neg && r !== 0n ? `-${s}` : s;
  }

  /** Full precision as a float (for JSON); keep the Exact for comparisons and rounding. */
  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }

  /** A decimal string with up to `digits` places (truncated toward zero, trailing zeros kept off) for storage in numeric columns. */
  toDecimalString(digits = 12): string {
    const scale = 10n ** BigInt(digits);
    const neg = this.num < 0n;
    const a = neg ? -this.num : this.num;
    const q = (a * scale) / this.den;
    let s = q.toString().padStart(digits + 1, '0');
    s = `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`.replace(/\.?0+$/, '');
    return neg && q !== 0n ? `-${s}` : s;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  // toPrecision avoids exponent notation for the magnitudes we meet (people, yuan, rates)
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}
