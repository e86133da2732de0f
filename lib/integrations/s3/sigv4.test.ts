import { describe, expect, it } from 'vitest';
import { EMPTY_PAYLOAD_HASH, sha256Hex, signatureOf, signRequest, uriEncode } from './sigv4';

// The examples from AWS's "Signature Calculations for the Authorization Header: Transferring Payload in a Single
// Chunk" (Amazon S3 API reference), with its example keys.
const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 's3' };
const DATE = '20130524T000000Z';

describe('SigV4', () => {
  it('signs the GET Object example', () => {
    const req = {
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { Host: 'examplebucket.s3.amazonaws.com', Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_PAYLOAD_HASH, 'x-amz-date': DATE },
      payloadHash: EMPTY_PAYLOAD_HASH,
    };
    expect(signatureOf(req, creds, DATE).authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('signs the PUT Object example (a key with $ in it, a body, a storage class)', () => {
    const body = 'Welcome to Amazon S3.';
    const payloadHash = sha256Hex(body);
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const req = {
      method: 'PUT',
      url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
      headers: { Host: 'examplebucket.s3.amazonaws.com', Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-date': DATE, 'x-amz-storage-class': 'REDUCED_REDUNDANCY', 'x-amz-content-sha256': payloadHash },
      payloadHash,
    };
    expect(signatureOf(req, creds, DATE).signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('adds x-amz-date, the payload hash and Authorization to the headers it is given', () => {
    const signed = signRequest({ method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9' }, payloadHash: EMPTY_PAYLOAD_HASH }, creds, new Date('2013-05-24T00:00:00Z'));
    expect(signed['x-amz-date']).toBe(DATE);
    expect(signed.authorization).toMatch(/Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41$/);
  });

  it('encodes as RFC 3986 with upper-case hex, keeping slashes only in paths', () => {
    expect(uriEncode('a b/c$~é', true)).toBe('a%20b/c%24~%C3%A9');
    expect(uriEncode('a/b', false)).toBe('a%2Fb');
  });
});
