// TOTP secrets are stored encrypted under the same key-encryption key as the credential signing keys
// (CREDENTIALS_KEK, else the key file in DATA_DIR): one key store. The account id is bound in as
// associated data, so a secret cannot be copied to another account.

import { decryptPrivateKey, encryptPrivateKey, KeyDecryptionError } from '../credentials/key-encryption.js';
import { AppError } from '../http/errors.js';

const aad = (userId: string) => `totp:${userId}`;

export function encryptTotpSecret(secret: string, kek: Buffer, userId: string): string {
  return encryptPrivateKey(Buffer.from(secret, 'utf8'), kek, aad(userId));
}

export function decryptTotpSecret(blob: string, kek: Buffer, userId: string): string {
  try {
    return decryptPrivateKey(blob, kek, aad(userId)).toString('utf8');
  } catch (e) {
    if (!(e instanceof KeyDecryptionError)) throw e;
    throw new AppError(
      'internal',
      '动态验证码密钥无法解密：本实例的密钥加密密钥（CREDENTIALS_KEK）与绑定时不同。请联系管理员重置该账号的动态验证码。',
    );
  }
}
