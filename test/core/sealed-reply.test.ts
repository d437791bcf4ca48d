/** Sealed Idempotency-Key responses: only the same owner (caller's key, tenant, Idempotency-Key, status) opens one. */
import { describe, expect, it } from 'vitest';
import { isSealedReply, openReply, sealReply, type ReplyOwner } from '../../src/core/sealed-reply';

const owner: ReplyOwner = { callerKey: 'agd_caller_key_0123456789', tenantId: 'tenant-1', idempotencyKey: 'create-key-1', statusCode: 201 };
const body = JSON.stringify({ id: 'k1', key: 'agd_the_new_secret_shown_once', name: 'recepção' });

describe('sealed replies', () => {
  it('hide the body, differ each time, and open for the same owner to the same bytes', async () => {
    const a = await sealReply(body, owner);
    const b = await sealReply(body, owner);
    expect(isSealedReply(a)).toBe(true);
    expect(isSealedReply(body)).toBe(false);
    expect(a).not.toContain('agd_the_new_secret_shown_once');
    expect(a).not.toBe(b);
    expect(await openReply(a, { ...owner })).toBe(body);
    expect(await openReply(b, owner)).toBe(body);
  });

  it('do not open for another caller, tenant, Idempotency-Key or status, nor when altered', async () => {
    const sealed = await sealReply(body, owner);
    expect(await openReply(sealed, { ...owner, callerKey: 'agd_other_key_0123456789' })).toBeNull();
    expect(await openReply(sealed, { ...owner, tenantId: 'tenant-2' })).toBeNull();
    expect(await openReply(sealed, { ...owner, idempotencyKey: 'create-key-2' })).toBeNull();
    expect(await openReply(sealed, { ...owner, statusCode: 200 })).toBeNull();
    // a character well inside the ciphertext (the last one may carry only padding bits)
    const at = sealed.length - 10;
    const altered = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
    expect(await openReply(altered, owner)).toBeNull();
    expect(await openReply('sealed:v1:x.y', owner)).toBeNull();
    expect(await openReply('sealed:v1:!!.??.%%', owner)).toBeNull();
    expect(await openReply(body, owner)).toBeNull();
  });
});
