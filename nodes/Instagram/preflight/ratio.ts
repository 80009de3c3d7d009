/** Pure: whether width ÷ height is within the limits, compared at two decimals as Meta states them. */
export function ratioFits(
	width: number,
	height: number,
	limits: { min: number; max: number },
): boolean {
	const ratio = Math.round((width / height) * 100) / 100;
	return ratio >= limits.min && ratio <= limits.max;
}

/** Pure: "3:1", "4:5", "16:9" for small whole ratios, else "2.18:1". */
export function ratioText(width: number, height: number): string {
	const divisor = gcd(width, height);
	const [a, b] = [width / divisor, height / divisor];
	if (a <= 21 && b <= 21) return `${a}:${b}`;
	return `${(width / height).toFixed(2)}:1`;
}

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

/** Pure: "9.4 MB", "512 KB" — an actual file's size. */
export function megabytes(bytes: number): string {
	if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
	return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
