import { ServeCounters } from './serve-counters.js';

describe(ServeCounters.name, () => {
  it('counts responses by status and encoding, and bytes per asset', () => {
    const counters = new ServeCounters();
    counters.onServed({ assetId: 'a', status: 200, encoding: 'br', contentType: 'text/css', bytes: 100 });
    counters.onServed({ assetId: 'a', status: 304, encoding: null, contentType: null, bytes: 0 });
    counters.onServed({ assetId: 'b', status: 200, encoding: 'gzip', contentType: 'text/css', bytes: 300 });
    counters.onServed({ assetId: 'b', status: 206, encoding: 'identity', contentType: 'text/css', bytes: 10 });
    counters.onServed({ assetId: null, status: 404, encoding: null, contentType: null, bytes: 0 });

    expect(counters).toMatchObject({ requests: 5, notModified: 1, partial: 1, notFound: 1, bytes: 410 });
    expect(counters.bytesByEncoding).toEqual({ br: 100, gzip: 300, identity: 10 });
    expect(counters.top(1)).toEqual([{ assetId: 'b', requests: 2, bytes: 310 }]);
    expect(counters.top(5).map((entry) => entry.assetId)).toEqual(['b', 'a']);
  });
});
