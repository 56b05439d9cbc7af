// Command-line flags shared by the benchmarks: `--name=value` pairs, with the local services as defaults.

/** `--seconds=5 --redis=URL` as `{ seconds: '5', redis: 'URL' }`. */
export function benchFlags(argv = process.argv.slice(2)) {
  return Object.fromEntries(argv.map((arg) => /^--([^=]+)=(.*)$/.exec(arg)?.slice(1) ?? [arg, '']));
}

/** The Redis and PostgreSQL (admin) URLs a benchmark uses, from `--redis=` and `--postgres=` or the local defaults. */
export function benchServices(flags) {
  return {
    redisUrl: flags.redis ?? 'redis://127.0.0.1:6379',
    postgresUrl: flags.postgres ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

/** `--env=THREAT_MEMO_ENTRIES=0,THREAT_PARANOIA=2` as `{ THREAT_MEMO_ENTRIES: '0', THREAT_PARANOIA: '2' }`: settings for the app under test. */
export function benchAppSettings(flags) {
  const pairs = (flags.env ?? '').split(',').filter((pair) => pair !== '');
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) {
        throw new Error(`--env=${flags.env}: each setting is NAME=value, separated by commas`);
      }
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}
