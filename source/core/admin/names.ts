/**
 * When two REST client names are the same client registered twice: equal once case, spaces and
 * punctuation are ignored ("Booking App", "booking-app"), or one letter apart ("Reminder",
 * "Reminders"). A difference in a digit is deliberate ("Kiosk 1", "Kiosk 2"), and short names
 * (under 5 letters) are too easily one letter apart to say anything.
 */

/** Lowercase letters and digits only. */
export function normalizeClientName(name: string): string {
	return name.toLowerCase().replaceAll(/[^\p{L}\p{N}]+/gu, '');
}

/** The characters that differ when `left` and `right` are exactly one edit apart, else undefined. */
function singleEdit(left: string, right: string): string[] | undefined {
	if (Math.abs(left.length - right.length) > 1 || left === right) return undefined;
	let start = 0;
	while (start < left.length && start < right.length && left[start] === right[start]) start++;
	let leftEnd = left.length;
	let rightEnd = right.length;
	while (leftEnd > start && rightEnd > start && left[leftEnd - 1] === right[rightEnd - 1]) {
		leftEnd--;
		rightEnd--;
	}

	const removed = left.slice(start, leftEnd);
	const added = right.slice(start, rightEnd);
	return removed.length <= 1 && added.length <= 1 ? [...removed, ...added] : undefined;
}

export const nearDuplicateMinLength = 5;

export function areNearDuplicateNames(left: string, right: string): boolean {
	const a = normalizeClientName(left);
	const b = normalizeClientName(right);
	if (a === '' || b === '') return false;
	if (a === b) return true;
	if (Math.min(a.length, b.length) < nearDuplicateMinLength) return false;
	const changed = singleEdit(a, b);
	return changed !== undefined && changed.every(character => !/\p{N}/u.test(character));
}

/** Groups (two or more) of items whose names are duplicates or near-duplicates of each other, transitively. */
export function nearDuplicateGroups<T>(items: readonly T[], nameOf: (item: T) => string): T[][] {
	const parent = items.map((_, index) => index);
	const root = (index: number): number => {
		while (parent[index] !== index) index = parent[index]!;
		return index;
	};

	for (let left = 0; left < items.length; left++) {
		for (let right = left + 1; right < items.length; right++) {
			if (areNearDuplicateNames(nameOf(items[left]!), nameOf(items[right]!))) parent[root(right)] = root(left);
		}
	}

	const groups = new Map<number, T[]>();
	for (const [index, item] of items.entries()) {
		const key = root(index);
		groups.set(key, [...(groups.get(key) ?? []), item]);
	}

	return [...groups.values()].filter(group => group.length > 1);
}

/** The name check OSCAR's add makes (MySQL's default collation): case and trailing blanks do not count. */
export function isSameClientName(left: string, right: string): boolean {
	return left.trimEnd().toLowerCase() === right.trimEnd().toLowerCase();
}
