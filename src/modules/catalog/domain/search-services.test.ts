import { describe, expect, it } from 'vitest';
import { DEMO_SERVICES } from '../seed-services.ts';
import { rankServices } from './search-services.ts';

const services = DEMO_SERVICES.map((s) => ({ definition: s.service }));
const firstFound = (query: string) => rankServices(services, query)[0]?.definition.name.ro;

describe('searching the catalogue with a typing mistake', () => {
  it('finds the fiscal certificate when a letter is missed, doubled, changed or two are swapped', () => {
    for (const q of ['certficat fiscal', 'certificat fiscall', 'certificat fisacl', 'certifcat fiskal', 'cerificat de atestare fiscala']) {
      expect(firstFound(q), q).toBe('Certificat de atestare fiscală');
    }
  });

  it('lists what the correctly spelt words would, leaving out services that only mention them in their description', () => {
    const names = (q: string) => rankServices(services, q).map((s) => s.definition.name.ro);
    expect(names('certficat fiscal')).toEqual(names('certificat fiscal'));
  });

  it('does not turn nonsense or a short mistyped word into a result', () => {
    expect(rankServices(services, 'zzzqqq')).toEqual([]);
    expect(rankServices(services, 'xq')).toEqual([]);
  });
});
