// Inbox configs hold passwords and tokens: they are stored as AES-256-GCM ciphertext under a key
// derived from HUB_SECRET, and API tokens are stored only as SHA-256 hashes.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

export type Sealer = { seal(value: unknown): string; open<T = unknown>(sealed: string): T };

export function createSealer(hubSecret: string): Sealer {
  const key = Buffer.from(hkdfSync('sha256', hubSecret, 'omnichannel-hub', 'inbox-config-v1', 32));
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
    },
    open<T>(sealed: string): T {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unreadable sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as T;
    },
  };
}

export const randomToken = (bytes = 24) => randomBytes(bytes).toString('base64url');
export const sha256Hex = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');
