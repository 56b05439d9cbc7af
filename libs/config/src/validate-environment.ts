import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

import { ConfigValidationError } from './config-validation.error.js';
import { envVarOptions } from './env-var.decorator.js';
import { EnvironmentVariables } from './environment-variables.js';

export type RawEnvironment = Readonly<Record<string, string | undefined>>;

function declaredOnly(raw: RawEnvironment): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of envVarOptions().keys()) {
    const value = raw[name];
    // An empty variable (`FOO=` in compose files) means "use the default", not "set to empty".
    if (value !== undefined && value.trim() !== '') {
      picked[name] = value.trim();
    }
  }
  return picked;
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
}

/** Validates the declared variables of `raw`, applying defaults; throws one error naming every bad variable. */
export function validateEnvironment(raw: RawEnvironment): EnvironmentVariables {
  const variables = plainToInstance(EnvironmentVariables, declaredOnly(raw));
  const problems = describe(validateSync(variables, { forbidUnknownValues: true }));
  if (problems.length > 0) {
    throw new ConfigValidationError(problems);
  }
  return variables;
}
