/**
 * Certificates generated at start-up with node-forge: a CA and leaves of the kinds clinics really
 * run (valid, self-signed, expired, issued for another host). Keys come from node:crypto (fast).
 */
import {generateKeyPairSync, randomBytes} from 'node:crypto';
import forge from 'node-forge';

interface PemPair {
	readonly cert: string;
	readonly key: string;
}

export type LeafKind = 'valid' | 'self-signed' | 'expired' | 'wrong-host';

function keyPair(): forge.pki.rsa.KeyPair {
	const {privateKey} = generateKeyPairSync('rsa', {modulusLength: 2048});
	const pem = privateKey.export({type: 'pkcs1', format: 'pem'}).toString();
	const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
	return {privateKey: forgeKey, publicKey: forge.pki.rsa.setPublicKey(forgeKey.n, forgeKey.e)};
}

function serial(): string {
	const bytes = randomBytes(16);
	bytes[0] = bytes[0]! & 0x7f;
	return bytes.toString('hex');
}

/** The simulator's CA plus a factory for leaves signed by it (or not). */
export class CertificateAuthority {
	readonly cert: forge.pki.Certificate;
	private readonly keys: forge.pki.rsa.KeyPair;
	private readonly leafKeys: forge.pki.rsa.KeyPair;

	constructor() {
		this.keys = keyPair();
		this.leafKeys = keyPair();
		const cert = forge.pki.createCertificate();
		cert.publicKey = this.keys.publicKey;
		cert.serialNumber = serial();
		cert.validity.notBefore = new Date(Date.now() - 86_400_000);
		cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 86_400_000);
		const subject = [
			{name: 'commonName', value: 'oscar-rest simulator CA'},
			{name: 'organizationName', value: 'oscar-rest simulator'},
		];
		cert.setSubject(subject);
		cert.setIssuer(subject);
		cert.setExtensions([
			{name: 'basicConstraints', cA: true, critical: true},
			{name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true},
			{name: 'subjectKeyIdentifier'},
		]);
		cert.sign(this.keys.privateKey, forge.md.sha256.create());
		this.cert = cert;
	}

	get pem(): string {
		return forge.pki.certificateToPem(this.cert);
	}

	/** A leaf for 127.0.0.1/localhost (or another host for 'wrong-host'). */
	leaf(kind: LeafKind): PemPair {
		const cert = forge.pki.createCertificate();
		cert.publicKey = this.leafKeys.publicKey;
		cert.serialNumber = serial();
		const day = 86_400_000;
		if (kind === 'expired') {
			cert.validity.notBefore = new Date(Date.now() - 400 * day);
			cert.validity.notAfter = new Date(Date.now() - 30 * day);
		} else {
			cert.validity.notBefore = new Date(Date.now() - day);
			cert.validity.notAfter = new Date(Date.now() + 365 * day);
		}

		const host = kind === 'wrong-host' ? 'emr.other-clinic.example' : 'localhost';
		const subject = [
			{name: 'commonName', value: host},
			{name: 'organizationName', value: 'Simulated Clinic'},
		];
		cert.setSubject(subject);
		const altNames =
			kind === 'wrong-host'
				? [{type: 2, value: host}]
				: [
						{type: 2, value: 'localhost'},
						{type: 7, ip: '127.0.0.1'},
					];
		cert.setExtensions([
			{name: 'basicConstraints', cA: false},
			{name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true},
			{name: 'extKeyUsage', serverAuth: true},
			{name: 'subjectAltName', altNames},
		]);
		if (kind === 'self-signed') {
			cert.setIssuer(subject);
			cert.sign(this.leafKeys.privateKey, forge.md.sha256.create());
		} else {
			cert.setIssuer(this.cert.subject.attributes);
			cert.sign(this.keys.privateKey, forge.md.sha256.create());
		}

		return {cert: forge.pki.certificateToPem(cert), key: forge.pki.privateKeyToPem(this.leafKeys.privateKey)};
	}
}
