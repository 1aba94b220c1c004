import crypto from 'node:crypto';
import { integer, selfSignedCertificate } from './selfSignedCertificate';

const hex = (buffer: Buffer) => buffer.toString('hex');

describe('selfSignedCertificate', () => {
  it('encodes integers as DER does: no padding but a sign byte', () => {
    expect(hex(integer(Buffer.from([0x00, 0x05])))).toBe('020105');
    expect(hex(integer(Buffer.from([0x00, 0x00, 0x85])))).toBe('02020085');
    expect(hex(integer(Buffer.from([0x80, 0x01])))).toBe('0203008001');
    expect(hex(integer(Buffer.from([0x00])))).toBe('020100');
    expect(hex(integer(Buffer.from([0x7f, 0x00])))).toBe('02027f00');
  });

  it('makes a certificate OpenSSL reads', () => {
    const { cert } = selfSignedCertificate();
    const parsed = new crypto.X509Certificate(cert);
    expect(parsed.subject).toBe('CN=localhost');
  });
});
