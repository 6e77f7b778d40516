import {describe, expect, it} from 'vitest';
import {
	markdownCell,
	readReadmeSection,
	ReadmeSectionError,
	replaceReadmeSection,
	sectionMarkers,
} from '../../source/core/readme-section.js';

const {start, end} = sectionMarkers('diagnoses');

describe('generated README sections', () => {
	it('replaces only what is between the markers, and is idempotent', () => {
		const readme = `# T\n\n${start}\n\nold table\n\n${end}\n\n## After\n`;
		const updated = replaceReadmeSection(readme, 'diagnoses', 'NEW');
		expect(updated).toBe(`# T\n\n${start}\n\nNEW\n\n${end}\n\n## After\n`);
		expect(replaceReadmeSection(updated, 'diagnoses', 'NEW')).toBe(updated);
		expect(readReadmeSection(updated, 'diagnoses')).toBe('NEW');
	});

	it('adds the missing end marker right after the start marker', () => {
		const readme = `intro\n${start}\n\n## Built with\n`;
		expect(replaceReadmeSection(readme, 'diagnoses', 'NEW')).toBe(`intro\n${start}\n\nNEW\n\n${end}\n\n## Built with\n`);
		expect(readReadmeSection(readme, 'diagnoses')).toBeUndefined();
	});

	it('refuses a README without the start marker', () => {
		expect(() => replaceReadmeSection('# no markers\n', 'diagnoses', 'NEW')).toThrow(ReadmeSectionError);
		expect(() => replaceReadmeSection('# no markers\n', 'diagnoses', 'NEW')).toThrow(start);
	});

	it('keeps a cell on one line and its pipes escaped', () => {
		expect(markdownCell('a | b\n  c')).toBe('a \\| b c');
	});
});
