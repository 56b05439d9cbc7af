// The "typical request" of the threat benchmarks: 10 query parameters and a JSON body of about 1 KB, with the kinds
// of values real APIs carry (ids, dates, emails, URLs, names with apostrophes, prose, tags). All benign.
// Without a seed the request is always the same; with one, every free-text, id and date field is unique to that
// seed while field names and enum-like values (sort, lang, country, flags) repeat, as they do in real traffic.

const NAMES = ["Mary O'Brien", 'José Álvarez', 'Anne-Marie Dubois', "D'Arcy Smith", 'Li Wei', 'Ólafur Arnalds', 'Priya Natarajan', 'Tom & Jerry Ltd'];
const STREETS = ['Main Street', 'Rue de la Paix', 'Baker St.', 'Königsallee', 'Via Roma', 'Elm Avenue'];
const NOTES = [
  'Please deliver after 5pm and ring the bell twice. If nobody answers, leave it with the neighbours at number',
  "Leave it by the side gate (it's unlocked); the dog is friendly but loud. Flat",
  'Call me on arrival - the buzzer for unit',
  'Gift wrap please! No invoice in the box, the recipient is at number',
];
const DESCRIPTIONS = [
  'We select the best products from our partners and update the catalogue weekly; prices include VAT. Batch',
  'Union-made, 100% organic cotton; select sizes ship from our EU warehouse. Ref',
  'Where to order: online or in store (drop-in hours 9-5). Code',
];
const QUERIES = ['blue running shoes', 'trail runner size 42', "women's rain jacket", 'socks 3-pack', 'gift card £50', 'kids 5-7 years'];
const SORTS = ['-createdAt', 'price', '-price', 'name'];
const LANGS = ['en-GB', 'en-US', 'fr-FR', 'de-DE'];

/** A small deterministic generator, so runs are comparable. */
function generator(seed) {
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return { int: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)], hex: (n) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('') };
}

const uuid = (g) => `${g.hex(8)}-${g.hex(4)}-4${g.hex(3)}-a${g.hex(3)}-${g.hex(12)}`;

export function typicalQuery(seed) {
  if (seed === undefined) {
    return {
      page: '2', limit: '50', sort: '-createdAt', q: 'blue running shoes', lang: 'en-GB', from: '2026-01-01T00:00:00Z',
      tag: 'summer sale', email: 'jane.doe@example.com', ref: 'https://example.com/a/b?c=d', id: '8f14e45f-ceea-467f-a0e6-2f6b3a1d1c0e',
    };
  }
  const g = generator(seed);
  return {
    page: String(1 + g.int(20)), limit: g.pick(['20', '50', '100']), sort: g.pick(SORTS), q: `${g.pick(QUERIES)} ${g.int(1000)}`,
    lang: g.pick(LANGS), from: `2026-${String(1 + g.int(12)).padStart(2, '0')}-${String(1 + g.int(28)).padStart(2, '0')}T00:00:00Z`,
    tag: `sale-${g.int(10_000)}`, email: `user${g.int(1_000_000)}@example.com`, ref: `https://example.com/p/${g.int(100_000)}?utm=${g.hex(6)}`, id: uuid(g),
  };
}

export function typicalBody(seed) {
  if (seed === undefined) {
    return {
      customer: { name: "Mary O'Brien", email: 'mary.obrien@example.org', phone: '+44 20 7946 0958' },
      shipping: { line1: '12 Main Street', line2: 'Flat 3', city: 'Springfield', postcode: 'SW1A 1AA', country: 'GB' },
      items: [
        { sku: 'ABC-123', qty: 3, price: 19.99, title: 'Trail runner, size 42' },
        { sku: 'XYZ-987', qty: 1, price: 4.5, title: 'Socks (3-pack) - grey/black' },
      ],
      note: 'Please deliver after 5pm and ring the bell twice. If nobody answers, leave it with the neighbours at number 14.',
      description: 'We select the best products from our partners and update the catalogue weekly; prices include VAT.',
      coupon: 'SUMMER-2026',
      giftMessage: "Happy birthday! Hope these keep up with you on Sunday's long run :)",
      marketing: { email: true, sms: false },
      metadata: { source: 'web', campaign: 'autumn_newsletter', utm: 'utm_source=newsletter&utm_medium=email' },
      tags: ['running', 'outdoor', 'gift', 'size-42'],
      preferredSlot: { day: 'Saturday', from: '09:00', to: '12:00' },
      createdAt: '2026-11-22T10:15:30.000Z',
    };
  }
  const g = generator(seed + 7919);
  return {
    customer: { name: `${g.pick(NAMES)} ${g.int(100)}`, email: `c${g.int(1_000_000)}@example.org`, phone: `+44 20 ${1000 + g.int(9000)} ${1000 + g.int(9000)}` },
    shipping: { line1: `${1 + g.int(300)} ${g.pick(STREETS)}`, line2: `Flat ${1 + g.int(40)}`, city: g.pick(['Springfield', 'Lyon', 'Köln', 'Leeds']), postcode: `SW${g.int(20)} ${g.int(10)}AA`, country: g.pick(['GB', 'FR', 'DE']) },
    items: [
      { sku: `ABC-${g.int(1000)}`, qty: 1 + g.int(5), price: g.int(10_000) / 100, title: `Trail runner, size ${36 + g.int(12)}` },
      { sku: `XYZ-${g.int(1000)}`, qty: 1 + g.int(5), price: g.int(10_000) / 100, title: `Socks (${1 + g.int(5)}-pack) - grey/black` },
    ],
    note: `${g.pick(NOTES)} ${g.int(200)}.`,
    description: `${g.pick(DESCRIPTIONS)} ${g.hex(6)}.`,
    coupon: `SUMMER-${g.int(10_000)}`,
    giftMessage: `Happy birthday ${g.pick(NAMES)}! Hope these keep up with you on Sunday's ${g.int(40)} km run :)`,
    marketing: { email: g.int(2) === 1, sms: g.int(2) === 1 },
    metadata: { source: g.pick(['web', 'ios', 'android']), campaign: `autumn_${g.int(100)}`, utm: `utm_source=newsletter&utm_medium=email&utm_id=${g.int(100_000)}` },
    tags: ['running', g.pick(['outdoor', 'indoor']), 'gift', `size-${36 + g.int(12)}`],
    preferredSlot: { day: g.pick(['Saturday', 'Monday', 'Friday']), from: `${String(8 + g.int(4)).padStart(2, '0')}:00`, to: `${String(12 + g.int(6))}:00` },
    createdAt: new Date(Date.UTC(2026, g.int(12), 1 + g.int(28), g.int(24), g.int(60))).toISOString(),
  };
}
