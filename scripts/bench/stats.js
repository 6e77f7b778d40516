// Small statistics for the bench: medians with min and max, percentiles, ratios pair by pair.

export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The p-th percentile (nearest rank). */
export function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** {median, min, max} of a list of numbers. */
export function spread(values) {
	return {median: median(values), min: Math.min(...values), max: Math.max(...values), count: values.length};
}

/** The ratio of each pair (a[i] / b[i]), summarized: never a ratio of medians. */
export function pairedRatios(numerators, denominators) {
	if (numerators.length !== denominators.length) throw new Error('paired ratios need as many numerators as denominators');
	return spread(numerators.map((value, index) => value / denominators[index]));
}

/** Least-squares slope of (x, y) points, in y units per x unit. */
export function slope(points) {
	const n = points.length;
	if (n < 2) return 0;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
	let numerator = 0;
	let denominator = 0;
	for (const [x, y] of points) {
		numerator += (x - meanX) * (y - meanY);
		denominator += (x - meanX) ** 2;
	}

	return denominator === 0 ? 0 : numerator / denominator;
}
