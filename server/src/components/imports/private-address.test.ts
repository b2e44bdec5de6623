import { describe, expect, it } from 'vitest';
import { isPrivateAddress, isPrivateHostLiteral } from './private-address';

describe('private addresses', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.5', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd12:3456::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1'])('when the address is %s, then it is refused', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '36.86.63.182', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('when the address is %s, then it is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('when a URL names localhost or a private IP literal (however written), then it is private before any lookup', () => {
    for (const url of ['http://localhost:8080/a.jpg', 'http://app.localhost/a.jpg', 'http://[::1]/a.jpg', 'http://0x7f000001/a.jpg', 'http://2130706433/a.jpg', 'http://[::ffff:127.0.0.1]/a.jpg']) {
      expect(isPrivateHostLiteral(new URL(url).hostname), url).toBe(true);
    }
    expect(isPrivateHostLiteral(new URL('https://tangerangkab.go.id/a.jpg').hostname)).toBe(false);
  });
});
