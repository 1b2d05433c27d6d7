import { describe, expect, it } from 'vitest';
import { addressBucket } from './address-bucket.ts';

describe('the client a per-address limit counts', () => {
  it('is an IPv4 address itself, also when written as IPv4-mapped IPv6', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('0:0:0:0:0:ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket(null)).toBe('unknown');
  });

  it('is the /64 network of an IPv6 address, however the address is written', () => {
    const net = '2001:db8:abcd:12::/64';
    expect(addressBucket('2001:db8:abcd:12::1')).toBe(net);
    expect(addressBucket('2001:0db8:abcd:0012:ffff:ffff:ffff:fffe')).toBe(net);
    expect(addressBucket('2001:DB8:ABCD:12:0:0:0:9')).toBe(net);
    expect(addressBucket('2001:db8:abcd:13::1')).toBe('2001:db8:abcd:13::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
