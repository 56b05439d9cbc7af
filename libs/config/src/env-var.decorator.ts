/** Groups shown in the generated configuration table. */
export type EnvGroup = 'server' | 'database' | 'redis' | 'http' | 'logging' | 'shutdown' | 'auth' | 'rate-limit' | 'ip-blocking' | 'audit' | 'threat' | 'cache' | 'cdn' | 'monitoring' | 'gpu' | 'crypto';

export interface EnvVarOptions {
  group: EnvGroup;
  description: string;
  /** Sensitive values are redacted wherever config is printed or logged. */
  sensitive?: boolean;
  /** When set and the variable is absent outside production, a random value is generated once into the data dir. */
  devSecret?: () => string;
}

export interface EnvVarDescriptor extends EnvVarOptions {
  name: string;
  defaultValue: unknown;
}

const registry = new Map<string, EnvVarOptions>();

/** Declares one environment variable: its group, description and sensitivity live beside its validators. */
export function EnvVar(options: EnvVarOptions): PropertyDecorator {
  return (_target, propertyKey) => {
    registry.set(String(propertyKey), options);
  };
}

export function envVarOptions(): ReadonlyMap<string, EnvVarOptions> {
  return registry;
}
