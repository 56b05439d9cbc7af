import { SingleFlight } from './single-flight.js';

describe(SingleFlight.name, () => {
  it('shares one run among concurrent callers of a key, and runs again once it settled', async () => {
    const flights = new SingleFlight();
    let runs = 0;
    const work = async (): Promise<number> => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return runs;
    };

    const first = await Promise.all([flights.run('k', work), flights.run('k', work), flights.run('other', work)]);
    const again = await flights.run('k', work);

    expect(first[0]).toBe(first[1]);
    expect(runs).toBe(3);
    expect(again).toBe(3);
    expect(flights.inFlight).toBe(0);
  });

  it('shares a failure too, and forgets it', async () => {
    const flights = new SingleFlight();
    const failing = (): Promise<never> => Promise.reject(new Error('boom'));

    await expect(Promise.all([flights.run('k', failing), flights.run('k', failing)])).rejects.toThrow('boom');
    await expect(flights.run('k', () => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
