import crypto from 'node:crypto';

/**
 * A throw-away TLS certificate for `localhost`, built with node:crypto alone:
 * the Databricks driver only speaks HTTPS, and it does not verify the
 * server's certificate (its agent sets `rejectUnauthorized: false`), so any
 * well-formed self-signed certificate lets it reach a local test server.
 */
export function selfSignedCertificate(): { key: string; cert: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
  });
  const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));
  const name = sequence(
    set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from('localhost')))),
  );
  const now = Date.now();
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))), // X.509 v3
    integer(crypto.randomBytes(8)),
    ecdsaWithSha256,
    name,
    sequence(
      utcTime(new Date(now - 60_000)),
      utcTime(new Date(now + 86_400_000)),
    ),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = crypto.sign('sha256', tbs, privateKey);
  const der = sequence(
    tbs,
    ecdsaWithSha256,
    tlv(0x03, Buffer.concat([Buffer.from([0]), signature])),
  );
  const base64 = der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
  };
}

/** One DER type-length-value element. */
function tlv(tag: number, value: Buffer): Buffer {
  const { length } = value;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else if (length < 0x100) header = Buffer.from([tag, 0x81, length]);
  else header = Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([header, value]);
}

function sequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function set(...items: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(items));
}

/**
 * A positive INTEGER in DER's one encoding: no leading zero bytes (OpenSSL
 * rejects them as "illegal padding", e.g. a random serial starting 00 05),
 * except one that keeps a high first bit from reading as a sign.
 */
export function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const minimal = bytes.subarray(start);
  return tlv(
    0x02,
    minimal[0] & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal,
  );
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) {
      base128.unshift((value & 0x7f) | 0x80);
    }
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = `${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`;
  return tlv(0x17, Buffer.from(text));
}
