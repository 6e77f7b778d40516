import {describe, expect, it} from 'vitest';
import {describeSecret} from '../../source/core/secret-refs.js';

const secret = 'Zq9-Pangolin/secret+value&x=1';

describe('describeSecret', () => {
	it('says where a secret comes from without showing it', () => {
		expect(describeSecret(secret)).toBe('inline (hidden)');
		expect(describeSecret('env:X')).toBe('env:X');
		expect(describeSecret('file:/run/s')).toBe('file:/run/s');
		expect(describeSecret(undefined)).toBe('not set');
		expect(describeSecret('')).toBe('not set');
	});
});
