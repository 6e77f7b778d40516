/** The catalogue entry for a code, or undefined for a code the catalogue does not know. */
import {diagnosis, type Diagnosis} from '../core/diagnoses.js';

export function lookupDiagnosis(code: string | null | undefined): Diagnosis | undefined {
	if (!code) return undefined;
	try {
		return diagnosis(code) ?? undefined;
	} catch {
		return undefined;
	}
}
