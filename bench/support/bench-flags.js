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
