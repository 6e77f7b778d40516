/**
 * RFC 4180 CSV, both ways: quoted fields may hold commas, quotes ("" inside quotes) and line breaks;
 * records end with CRLF or LF. Strict where spreadsheets get it wrong (a stray quote in an unquoted
 * field is an error naming the row, not a silently shifted column).
 */

/** A syntax error; `row` counts records as a spreadsheet shows them (the header is row 1). */
export class CsvSyntaxError extends Error {
	readonly code = 'csv-syntax';
	constructor(
		message: string,
		readonly row: number,
		readonly column: number,
	) {
		super(`row ${row}, field ${column}: ${message}`);
		this.name = 'CsvSyntaxError';
	}
}

/** Records with the row number each starts on; blank lines are skipped. */
interface CsvRecord {
	readonly row: number;
	readonly fields: readonly string[];
}

export function parseCsv(input: string): CsvRecord[] {
	const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let row = 1;
	let index = 0;
	const length = text.length;
	const endRecord = () => {
		if (!(fields.length === 1 && fields[0] === '')) records.push({row, fields});
		fields = [];
		row++;
	};

	if (length === 0) return records;
	for (;;) {
		let field = '';
		if (text[index] === '"') {
			index++;
			for (;;) {
				if (index >= length) throw new CsvSyntaxError('a quoted field is not closed (missing ")', row, fields.length + 1);
				const character = text[index]!;
				if (character === '"') {
					if (text[index + 1] === '"') {
						field += '"';
						index += 2;
						continue;
					}

					index++;
					break;
				}

				field += character;
				index++;
			}

			const next = text[index];
			if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
				throw new CsvSyntaxError('text after the closing quote: put the whole field in quotes', row, fields.length + 1);
			}
		} else {
			while (index < length && text[index] !== ',' && text[index] !== '\n' && text[index] !== '\r') {
				if (text[index] === '"') {
					throw new CsvSyntaxError(
						'a quote inside an unquoted field: quote the whole field and double the quote ("")',
						row,
						fields.length + 1,
					);
				}

				field += text[index];
				index++;
			}
		}

		fields.push(field);
		const separator = text[index];
		if (separator === ',') {
			index++;
			continue;
		}

		if (separator === '\r') index += text[index + 1] === '\n' ? 2 : 1;
		else if (separator === '\n') index++;
		endRecord();
		if (index >= length) break;
	}

	return records;
}

function quoteField(value: string): string {
	return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text with CRLF line ends (RFC 4180), quoting only where needed. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
	return rows.map(row => row.map(quoteField).join(',')).join('\r\n') + '\r\n';
}

// OWASP's CSV-injection rule: a spreadsheet runs a cell that begins with one of these as a formula
// (`=HYPERLINK(...)`, `@SUM(...)`, `-2+3+cmd|...`). A leading single quote makes it text.
const formulaStart = /^'*[=+\-@\t\r]/;
const neutralized = /^'+[=+\-@\t\r]/;

/**
 * A text cell as export writes it: one single quote is put in front of a cell that a spreadsheet would
 * run as a formula. Cells that already begin with quotes before such a character get one more, so
 * `restoreCell` gives every value back exactly.
 */
export function neutralizeCell(value: string): string {
	return formulaStart.test(value) ? `'${value}` : value;
}

/** The inverse of `neutralizeCell`, applied by import: the one added quote is removed. */
export function restoreCell(value: string): string {
	return neutralized.test(value) ? value.slice(1) : value;
}
