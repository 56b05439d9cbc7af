import { envVarOptions, type EnvVarDescriptor } from './env-var.decorator.js';
import { EnvironmentVariables } from './environment-variables.js';

/** Every declared variable with its default, in declaration order. */
export function describeEnvironment(): EnvVarDescriptor[] {
  const defaults = new EnvironmentVariables() as unknown as Record<string, unknown>;
  return [...envVarOptions()].map(([name, options]) => ({ ...options, name, defaultValue: defaults[name] }));
}

function formatDefault(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** The README's configuration table, as Markdown. */
export function renderConfigMarkdown(): string {
  const rows = describeEnvironment().map(
    (v) =>
      `| \`${v.name}\` | ${v.group} | ${formatDefault(v.defaultValue) === '' ? '—' : `\`${formatDefault(v.defaultValue)}\``} | ${v.sensitive ? 'yes' : ''} | ${v.description} |`,
  );
  return ['| variable | group | default | sensitive | description |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** `.env.example`: every variable, commented out at its default, sensitive ones left blank. */
export function renderEnvExample(): string {
  const lines = ['# Bulwark configuration. Generated from libs/config (npm run config:docs); every variable is optional.', ''];
  let group = '';
  for (const v of describeEnvironment()) {
    if (v.group !== group) {
      group = v.group;
      lines.push(`# --- ${group} ---`);
    }
    lines.push(`# ${v.description}${v.sensitive ? ' (sensitive)' : ''}`);
    lines.push(`#${v.name}=${v.sensitive ? '' : formatDefault(v.defaultValue)}`);
  }
  return `${lines.join('\n')}\n`;
}
